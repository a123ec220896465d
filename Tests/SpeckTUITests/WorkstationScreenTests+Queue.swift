import Foundation
import XCTest

/// The "label next" sort, `n`, the queue reason in the details panel, and a batch label undone with `u`.
extension WorkstationScreenTests {
    /// The image paths of the list rows, top to bottom.
    static func listedPaths(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { row in
            row.firstMatch(of: /^│[▸▪ ] (\S+\.png)/).map { String($0.output.1) }
        }
    }

    func testLabelNextSortShowsTheQueueAndABatchLabelIsUndoneWhole() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        for _ in 0..<4 { try session.sendKeys("s") }
        screen = try session.waitFor(text: "sort: label next")
        try session.sendKeys("g")
        screen = try session.waitFor(text: "#1 to label:")
        // The workstation's order is the workspace's: `speck labels next` prints the same images first.
        let cli = try TmuxSession.run(try TestFixtures.speckBinary(), ["labels", "next", "--count", "3"], directory: folder.path)
        let rows = cli.split(separator: "\n").map { $0.split(separator: "\t") }.filter { $0.count == 4 }
        let queued = rows.map { $0[1].trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(queued.count, 3, cli)
        XCTAssertEqual(Array(Self.listedPaths(screen).prefix(3)), queued, "list and CLI disagree:\n\(screen)\n\(cli)")
        let reason = try XCTUnwrap(rows.first?[3])
        XCTAssertTrue(screen.contains("queue     #1 to label: \(reason.prefix(20))"), "no reason '\(reason)' in the details:\n\(screen)")

        // f labels the head of the queue and moves on to the next image in it.
        try session.sendKeys("f")
        screen = try session.waitFor(text: "\(queued[0]) labelled normal")
        screen = try session.waitFor("the cursor on the second image") { $0.contains("│ image     \(queued[1])") }
        screen = try session.waitFor("the queue without the labelled image") { Self.listedPaths($0).first == queued[1] }

        // A range of three labelled anomalous in one step, then undone whole by u.
        try session.sendKeys("V", "j", "j")
        screen = try session.waitFor(text: "3 selected")
        XCTAssertEqual(screen.components(separatedBy: "│▪ ").count - 1, 2, "two marked rows besides the cursor:\n\(screen)")
        try session.sendKeys("a")
        screen = try session.waitFor(text: "3 images labelled anomalous in one batch")
        var labels = try storedLabels(until: "4 labels: 1 normal, 3 anomalous")
        XCTAssertTrue(labels.contains("4 labels: 1 normal, 3 anomalous"), labels)
        try session.sendKeys("u")
        screen = try session.waitFor(text: "batch of 3 labels undone")
        labels = try storedLabels(until: "1 labels: 1 normal, 0 anomalous")
        XCTAssertTrue(labels.contains("1 labels: 1 normal, 0 anomalous"), "only the single label is left:\n\(labels)")
        XCTAssertTrue(labels.contains(queued[0]), labels)
        XCTAssertFalse(screen.contains("✗"), "no anomalous mark left in the list:\n\(screen)")
    }

    /// `speck labels list`, asked again for up to 5 s until it says `expected` (the store writes after the screen).
    func storedLabels(until expected: String) throws -> String {
        var output = ""
        for _ in 0..<50 {
            output = try TmuxSession.run(try TestFixtures.speckBinary(), ["labels", "list"], directory: folder.path)
            if output.contains(expected) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return output
    }
}
