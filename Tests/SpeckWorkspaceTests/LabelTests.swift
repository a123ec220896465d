import XCTest
@testable import SpeckWorkspace

final class LabelTests: XCTestCase {
    func testHistoryIsKeptAndTheNewestLabelWins() throws {
        let (folder, workspace) = try makeWorkspace(files: ["a.png", "b.png"])
        let (images, problems) = try workspace.resolveImages(paths: [folder.path + "/a.png", folder.path + "/b.png"])
        XCTAssertEqual(problems, [])
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.label(images, as: .anomalous, note: "scratch", author: "alice", at: start)
        try workspace.label([images[0]], as: .normal, author: "bob", at: start.addingTimeInterval(60))
        try workspace.label([images[1]], as: .cleared, author: "bob", at: start.addingTimeInterval(60))

        let current = try workspace.currentLabels()
        XCTAssertEqual(current.map(\.path), ["a.png"])
        XCTAssertEqual(current.map(\.verdict), [.normal])
        XCTAssertEqual(current.map(\.author), ["bob"])
        XCTAssertEqual(try workspace.labelHistory().count, 4)
        XCTAssertEqual(try workspace.listing(modelId: 0).map(\.label), [.normal, nil])
    }

    func testPathsOutsideTheRootOrMissingAreReportedNotDropped() throws {
        let (folder, workspace) = try makeWorkspace(files: ["a.png"])
        let (images, problems) = try workspace.resolveImages(
            paths: [folder.path + "/a.png", folder.path + "/missing.png", "/elsewhere/b.png"])
        XCTAssertEqual(images.map(\.path), ["a.png"])
        XCTAssertEqual(problems.count, 2)
        XCTAssertTrue(problems[0].contains("missing.png"))
        XCTAssertTrue(problems[1].contains("/elsewhere/b.png") && problems[1].contains("outside"))
    }

    func testAFileNotYetScannedIsAddedWhenLabelled() throws {
        let (folder, workspace) = try makeWorkspace(files: [])
        try folder.write("late.png")
        let (images, _) = try workspace.resolveImages(paths: [folder.path + "/late.png"])
        XCTAssertEqual(images.map(\.path), ["late.png"])
        XCTAssertEqual(try Rescanner(workspace: workspace).rescan().added, [], "already known, no longer new")
    }

    func testCSVAndJSONExportsImportIntoAnotherWorkspaceOnce() throws {
        let (folder, workspace) = try makeWorkspace(files: ["a.png", "b,odd \"name\".png"])
        let (images, _) = try workspace.resolveImages(paths: [folder.path + "/a.png", folder.path + "/b,odd \"name\".png"])
        try workspace.label([images[0]], as: .normal, note: "glare, not a defect\nsecond line", author: "alice")
        try workspace.label([images[1]], as: .anomalous, author: "alice")
        let exported = try workspace.currentLabels().map(LabelEntry.init)

        for format in LabelExchange.Format.allCases {
            let text = try LabelExchange.encode(exported, as: format)
            let decoded = try LabelExchange.decode(text, as: format)
            XCTAssertEqual(decoded.map(\.path), exported.map(\.path), "\(format)")
            XCTAssertEqual(decoded.map(\.note), exported.map(\.note), "\(format)")
            XCTAssertEqual(decoded.map(\.verdict), exported.map(\.verdict), "\(format)")
            for (a, b) in zip(decoded, exported) {
                XCTAssertEqual(a.createdAt.timeIntervalSince1970, b.createdAt.timeIntervalSince1970, accuracy: 0.001)
            }

            let (otherFolder, other) = try makeWorkspace(files: ["a.png", "b,odd \"name\".png"])
            defer { withExtendedLifetime(otherFolder) {} }
            try Rescanner(workspace: other).rescan()
            let pairs = try decoded.map { (image: try XCTUnwrap(try other.image(path: $0.path)), entry: $0) }
            XCTAssertEqual(try other.importLabels(pairs), 2)
            XCTAssertEqual(try other.importLabels(pairs), 0, "importing the same file again adds nothing")
            XCTAssertEqual(try other.currentLabels().map(\.verdict), [.normal, .anomalous])
            XCTAssertEqual(try other.currentLabels().map(\.author), ["alice", "alice"])
        }
    }

    func testBadLabelFilesNameTheLineAndTheReason() {
        XCTAssertThrowsError(try LabelExchange.decode("path,verdict\na.png,normal\nb.png,maybe\n", as: .csv)) { error in
            XCTAssertEqual("\(error)", "line 3: verdict 'maybe' is not one of normal, anomalous, cleared")
        }
        XCTAssertThrowsError(try LabelExchange.decode("file,label\n", as: .csv)) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 1: the header must name"), "\(error)")
        }
        XCTAssertThrowsError(try LabelExchange.decode("path,verdict,labelled_at\na.png,normal,yesterday\n", as: .csv)) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 2: time 'yesterday'"), "\(error)")
        }
        XCTAssertThrowsError(try LabelExchange.decode("{\"path\": 1}", as: .json))
    }

    func testMinimalCSVGetsTheCurrentUserAndTime() throws {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let entries = try LabelExchange.decode("path,verdict\r\na.png,Anomalous\r\n\r\n", as: .csv, defaultAuthor: "carol", now: now)
        XCTAssertEqual(entries, [LabelEntry(path: "a.png", verdict: .anomalous, note: nil, author: "carol", createdAt: now)])
    }

    private func makeWorkspace(files: [String]) throws -> (TemporaryFolder, Workspace) {
        let folder = try TemporaryFolder()
        for file in files { try folder.write(file, "bytes of \(file)") }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        return (folder, workspace)
    }
}
