import Foundation
import XCTest
@testable import SpeckWorkspace

/// A scoring run streams scores in while the workstation lists and sorts:
/// readers never block on the writer and always see whole transactions.
final class ConcurrentAccessTests: XCTestCase {
    func testReadersSeeWholeBatchesWhileAWriterStreamsScores() throws {
        let folder = try TemporaryFolder()
        for i in 0 ..< 100 { try folder.write(String(format: "img/%03d.png", i), "image \(i)") }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let model = try StoreFixtures.recordModel(in: workspace)
        let ids = try workspace.images().map { $0.id! }
        let batch = 10

        let writerDone = expectation(description: "writer")
        DispatchQueue.global().async {
            defer { writerDone.fulfill() }
            for start in stride(from: 0, to: ids.count, by: batch) {
                let scores = ids[start ..< start + batch].map {
                    ScoredImage(imageId: $0, raw: Float($0), normalised: nil, seconds: 0.001)
                }
                do { try workspace.saveScores(scores, modelId: model.id!) } catch { XCTFail("\(error)") }
            }
        }
        var seen: [Int] = []
        repeat {
            let listing = try workspace.listing(modelId: model.id!)
            XCTAssertEqual(listing.count, ids.count, "every image is listed, scored or not")
            let scored = listing.prefix { $0.raw != nil }.map(\.raw!)
            XCTAssertEqual(scored, scored.sorted(by: >), "scored images come first, highest first")
            XCTAssertEqual(scored.count % batch, 0, "a reader never sees half a transaction")
            seen.append(scored.count)
        } while seen.last! < ids.count
        wait(for: [writerDone], timeout: 30)
        XCTAssertEqual(seen, seen.sorted(), "what readers see only grows")
    }
}
