import Foundation
import XCTest
@testable import SpeckWorkspace

/// The workstation's list: highest score first (ties by image id), unscored
/// images after them by path, each with the label in force; deleted files left out.
final class ListingTests: XCTestCase {
    func testOrderTiesUnscoredLabelsAndMissingFiles() throws {
        let folder = try TemporaryFolder()
        for name in ["e.png", "a.png", "d.png", "b.png", "c.png", "gone.png"] { try folder.write(name, name) }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let model = try StoreFixtures.recordModel(in: workspace)
        let id = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0.id!) })
        try workspace.saveScores([
            ScoredImage(imageId: id["b.png"]!, raw: 0.5, normalised: 0.25),
            ScoredImage(imageId: id["d.png"]!, raw: 0.875, normalised: 0.75),
            ScoredImage(imageId: id["a.png"]!, raw: 0.5, normalised: nil),
            ScoredImage(imageId: id["gone.png"]!, raw: 2.0, normalised: 1.0),
        ], modelId: model.id!)
        let images = try workspace.images()
        let byPath = Dictionary(uniqueKeysWithValues: images.map { ($0.path, $0) })
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.label([byPath["a.png"]!], as: .anomalous, author: "t", at: start)
        try workspace.label([byPath["a.png"]!], as: .cleared, author: "t", at: start.addingTimeInterval(1))
        try workspace.label([byPath["d.png"]!], as: .normal, author: "t", at: start)
        try workspace.label([byPath["c.png"]!], as: .anomalous, author: "t", at: start)
        try FileManager.default.removeItem(atPath: folder.path + "/gone.png")
        try Rescanner(workspace: workspace).rescan()

        let listing = try workspace.listing(modelId: model.id!)
        let tiedFirst = id["a.png"]! < id["b.png"]! ? "a.png" : "b.png"
        let tiedSecond = tiedFirst == "a.png" ? "b.png" : "a.png"
        XCTAssertEqual(listing.map(\.path), ["d.png", tiedFirst, tiedSecond, "c.png", "e.png"])
        XCTAssertEqual(listing.map(\.raw), [0.875, 0.5, 0.5, nil, nil])
        XCTAssertEqual(listing.first { $0.path == "b.png" }?.normalised, 0.25)
        XCTAssertNil(listing.first { $0.path == "a.png" }?.normalised)
        XCTAssertEqual(listing.map(\.label), [.normal, nil, nil, .anomalous, nil])
        XCTAssertEqual(try workspace.listing(modelId: model.id! + 1).map(\.path), ["a.png", "b.png", "c.png", "d.png", "e.png"],
                       "another model's listing has no scores: all by path")
    }
}
