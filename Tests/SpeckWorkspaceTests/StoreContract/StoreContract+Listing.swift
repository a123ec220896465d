import Foundation
import XCTest
@testable import SpeckWorkspace

/// The sorted listing, field for field, against one built here from the
/// plain reads (images, scores, labels in force): unusual paths, scores
/// without a normalised value, exact doubles, decode states.
extension StoreContract {
    func listingMatchesThePlainReadsFieldForField() throws {
        let names = ["cam 1/ünïcode ä.png", "quote\"comma,semi;.png", "日本/画像.png", "plain.png", "z/unscored.png",
                     "a/unscored.png", "gone.png"]
        let (folder, workspace) = try workspace(files: names)
        defer { withExtendedLifetime(folder) {} }
        let images = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0.id!) })
        let model = try StoreFixtures.recordModel(in: workspace)
        try workspace.saveScores([ScoredImage(imageId: images[names[0]]!, raw: 0.1, normalised: 1e-7),
                                  ScoredImage(imageId: images[names[1]]!, raw: 0.1, normalised: nil),
                                  ScoredImage(imageId: images[names[2]]!, raw: -2.5e-30, normalised: 0.3),
                                  ScoredImage(imageId: images[names[3]]!, raw: .greatestFiniteMagnitude, normalised: 1),
                                  ScoredImage(imageId: images["gone.png"]!, raw: 9, normalised: 0.9)],
                                 modelId: model.id!)
        try workspace.recordDecode(imageId: images[names[2]]!, width: 4, height: 4, error: nil)
        try workspace.recordDecode(imageId: images[names[4]]!, width: nil, height: nil, error: "truncated")
        try workspace.label([try XCTUnwrap(try workspace.image(path: names[0]))], as: .anomalous, author: "alice", at: start)
        try workspace.labelBatch([try XCTUnwrap(try workspace.image(path: names[1]))], as: .normal, at: start)
        try FileManager.default.removeItem(atPath: folder.path + "/gone.png")
        try Rescanner(workspace: workspace).rescan()

        let present = try workspace.images().filter { $0.missingSince == nil }
        let scores = try workspace.scores(modelId: model.id!)
        let labels = Dictionary(uniqueKeysWithValues: try workspace.currentLabels().map { ($0.imageId, $0.verdict) })
        let listed = { (image: ImageRecord) in
            ListedImage(imageId: image.id!, path: image.path, decodeStatus: image.decodeStatus, raw: scores[image.id!]?.raw,
                        normalised: scores[image.id!]?.normalised, label: labels[image.id!])
        }
        let scored = present.filter { scores[$0.id!] != nil }.map(listed)
            .sorted { $0.raw! != $1.raw! ? $0.raw! > $1.raw! : $0.imageId < $1.imageId }
        let unscored = present.filter { scores[$0.id!] == nil }.map(listed).sorted { $0.path < $1.path }
        XCTAssertEqual(try reopen(workspace).listing(modelId: model.id!), scored + unscored)
        XCTAssertEqual([scored.first?.path, scored.last?.path], [names[3], names[2]], "the reference itself is as meant")
        XCTAssertEqual(Set(scored.dropFirst().dropLast().map(\.path)), [names[0], names[1]], "a tie, by image id")
    }
}
