import Foundation
import SpeckDetectors
import SpeckTUI
import XCTest

/// Drives the real `speck` binary in tmux and checks what a user would see.
final class WorkstationScreenTests: XCTestCase {
    var folder: URL!
    /// The detector `trainFastDetector` picked.
    var trainedKind: String?

    override func setUpWithError() throws {
        // The listing test sees the whole sample set; tests that fit use fewer training images.
        folder = try TestFixtures.sampleFolder(trainingLimit: name.contains("Listing") ? nil : 12)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func open(term: String = "xterm-256color", environment: [String: String] = [:], arguments: [String] = [],
              width: Int = 120, height: Int = 40) throws -> TmuxSession {
        var env = ["TERM": term, "LANG": "C.UTF-8", "HOME": folder.path]
        env.merge(environment) { $1 }
        return try TmuxSession(command: [try TestFixtures.speckBinary(), folder.path] + arguments, environment: env,
                               width: width, height: height)
    }

    /// Waits for the list, closing the train form that opens when there is no model yet.
    func waitForList(_ session: TmuxSession) throws -> String {
        let screen = try session.waitFor("the image list") { $0.contains("╭ Images") && $0.contains("Pick a detector") }
        _ = screen
        try session.sendKeys("Escape")
        return try session.waitFor("the form to close") { !$0.contains("Pick a detector") }
    }

    /// Trains the fastest detector offered and waits until every score is in.
    func trainFastDetector(_ session: TmuxSession) throws -> String {
        let form = try session.waitFor(text: "Pick a detector")
        let rows = form.split(separator: "\n").map(String.init)
        let kinds = rows.compactMap { row -> (kind: String, selected: Bool)? in
            guard let match = row.firstMatch(of: /│ (▸| ) ([a-z0-9]+) {2,}/) else { return nil }
            return (String(match.output.2), match.output.1 == "▸")
        }
        let fast = ["lbp", "meanstd"].first { kind in kinds.contains { $0.kind == kind } }
        trainedKind = fast
        let target = try XCTUnwrap(fast.flatMap { kind in kinds.firstIndex { $0.kind == kind } }, "no fast detector in \(kinds)")
        let current = kinds.firstIndex { $0.selected } ?? 0
        for _ in 0..<abs(target - current) { try session.sendKeys(target > current ? "j" : "k") }
        try session.sendKeys("Enter")
        return try session.waitFor("the fit to finish", timeout: 120) { $0.contains("done: model") }
    }

    static func flaggedCounts(_ screen: String) throws -> (flagged: Int, tp: Int, fp: Int, fn: Int, tn: Int) {
        let match = try XCTUnwrap(screen.firstMatch(of: /TP (\d+)  FP (\d+)  FN (\d+)  TN (\d+)  flagged (\d+)\//),
                                  "no confusion counts on screen:\n\(screen)")
        return (Int(match.output.5)!, Int(match.output.1)!, Int(match.output.2)!, Int(match.output.3)!, Int(match.output.4)!)
    }

    static func threshold(_ screen: String) throws -> Double {
        let match = try XCTUnwrap(screen.firstMatch(of: /threshold (-?[0-9.]+)/), "no threshold on screen:\n\(screen)")
        return Double(match.output.1)!
    }

    func testListingOfTheSampleFolderShowsEveryImage() throws {
        let expected = try TestFixtures.imagePaths(in: folder)
        let session = try open()
        var screen = try waitForList(session)
        XCTAssertTrue(screen.contains("Images \(expected.count)"), "header should count \(expected.count) images:\n\(screen)")
        try session.sendKeys("s")  // sort by name
        screen = try session.waitFor(text: "sort: name")
        var seen = screen
        for _ in 0..<(expected.count / 10 + 1) {
            try session.sendKeys("PageDown")
            Thread.sleep(forTimeInterval: 0.2)
            seen += try session.capture()
        }
        for path in expected {
            let tail = String(path.suffix(18))
            XCTAssertTrue(seen.contains(tail), "\(path) is not listed")
        }
    }

    /// Every detector Speck ships is offered by the train form, trained ones included.
    func testTrainFormListsEveryDetector() throws {
        let session = try open()
        let last = try XCTUnwrap(DetectorRegistry.standard.kinds.last)
        let form = try session.waitFor("the whole train form") { $0.contains("Pick a detector") && $0.contains(last) }
        for kind in DetectorRegistry.standard.kinds {
            XCTAssertNotNil(form.firstMatch(of: try Regex("│ [▸ ] \(kind) +[A-Za-z]")), "\(kind) is not offered:\n\(form)")
        }
        XCTAssertTrue(form.contains("CFLOW-AD") && form.contains("FastFlow"), form)
    }

    func testFitRunsAndScoresAppear() throws {
        let session = try open()
        let screen = try trainFastDetector(session)
        XCTAssertNotNil(screen.firstMatch(of: /\d+\.\d{2,3} +(FLAG|  ok)/), "no scored rows:\n\(screen)")
        let counts = try Self.flaggedCounts(screen)
        XCTAssertGreaterThan(counts.tp + counts.fp + counts.fn + counts.tn, 0)
        XCTAssertTrue(screen.contains("model m1"))
    }

    func testTruecolorUnderXtermDirect() throws {
        let session = try open(term: "xterm-direct", environment: try TestFixtures.directColourTerminfo())
        _ = try waitForList(session)
        let screen = try session.waitFor("24-bit half-blocks", escapes: true) {
            $0.contains("▀") && $0.contains(/\u{1B}\[[0-9;]*38;2;\d+;\d+;\d+[0-9;]*m▀/)
        }
        XCTAssertTrue(screen.contains("truecolor"))
    }

    func testPaletteUnder256Colours() throws {
        let session = try open(term: "xterm-256color")
        _ = try waitForList(session)
        let screen = try session.waitFor("256-colour half-blocks", escapes: true) {
            $0.contains(/\u{1B}\[[0-9;]*38;5;\d+[0-9;]*m▀/)
        }
        XCTAssertFalse(screen.contains("38;2;"), "no 24-bit escapes under xterm-256color")
    }

    func testNoColourShowsShadesAndNoColourEscapes() throws {
        let session = try open(environment: ["NO_COLOR": "1"])
        _ = try waitForList(session)
        let screen = try session.waitFor("the picture in shades", escapes: true) { $0.contains(/[░▒▓█]/) }
        XCTAssertFalse(screen.contains("▀"))
        XCTAssertNil(screen.firstMatch(of: /\u{1B}\[[0-9;]*(3|4)8;/), "colour escapes under NO_COLOR")
    }

    func testThresholdKeysChangeFlaggedAndConfusionCounts() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        let before = try Self.flaggedCounts(screen)
        let thresholdBefore = try Self.threshold(screen)
        XCTAssertGreaterThan(before.flagged, 0, "the test needs a flagged image:\n\(screen)")
        try session.sendKeys("]")
        screen = try session.waitFor("the flagged count to drop") { (try? Self.flaggedCounts($0).flagged) == before.flagged - 1 }
        let after = try Self.flaggedCounts(screen)
        XCTAssertGreaterThan(try Self.threshold(screen), thresholdBefore)
        XCTAssertEqual(after.tp + after.fn, before.tp + before.fn, "positives do not change with the threshold")
        XCTAssertTrue(after.tp == before.tp - 1 || after.fp == before.fp - 1, "one flagged image became unflagged")
        try session.sendKeys("[")
        screen = try session.waitFor("the flagged count to come back") { (try? Self.flaggedCounts($0).flagged) == before.flagged }
        try session.sendKeys("}")
        screen = try session.waitFor("a coarse step") { (try? Self.threshold($0)) ?? 0 > thresholdBefore }
    }

    /// TP/FP/FN/TN after `prefix` ("target recall=1:" in the message, "held out" in the details panel).
    static func counts(after prefix: String, in screen: String) -> [Int]? {
        guard let range = screen.range(of: prefix),
              let match = screen[range.upperBound...].prefixMatch(of: /\s*TP (\d+) FP (\d+) FN (\d+) TN (\d+)/) else { return nil }
        return [match.output.1, match.output.2, match.output.3, match.output.4].map { Int($0)! }
    }

    func testThresholdPromptSetsATargetAndShowsItsCounts() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        try session.sendKeys("=")
        _ = try session.waitFor(text: "threshold target: ▏")
        try session.type("recall=2")
        try session.sendKeys("Enter")
        screen = try session.waitFor(text: "'recall=2' is not a threshold target: recall must be above 0 and at most 1")
        try session.sendKeys("=")
        _ = try session.waitFor(text: "threshold target: ▏")
        try session.type("recall=1")
        try session.sendKeys("Enter")
        screen = try session.waitFor("the target's counts") { Self.counts(after: "held out", in: $0) != nil }
        XCTAssertTrue(screen.contains("target recall=1"), "the details panel names the method:\n\(screen)")
        let chosen = try XCTUnwrap(Self.counts(after: "target recall=1: ", in: screen), "no counts in the message:\n\(screen)")
        let details = try XCTUnwrap(Self.counts(after: "held out", in: screen))
        let histogram = try Self.flaggedCounts(screen)
        XCTAssertEqual(chosen, [histogram.tp, histogram.fp, histogram.fn, histogram.tn],
                       "the target's counts are what its threshold gives on the scores:\n\(screen)")
        XCTAssertEqual(details, chosen)
        XCTAssertGreaterThan(chosen[0], 0, "the sample folder has held-out defects:\n\(screen)")
        XCTAssertEqual(chosen[2], 0, "recall 1 misses no defect")

        // `speck eval` with the same detector and target counts the same held-out images alike.
        let evaluation = try TmuxSession.run(try TestFixtures.speckBinary(),
                                             ["eval", folder.path, "--detector", try XCTUnwrap(trainedKind), "--threshold", "recall=1"],
                                             directory: folder.path)
        XCTAssertEqual(Self.counts(after: "target recall=1: ", in: evaluation), chosen, "speck eval says:\n\(evaluation)")

        // It is the highest such threshold: the first labelled image that raising it unflags is a defect.
        var now = histogram
        while now.tp + now.fp == chosen[0] + chosen[1], now.flagged > 0 {
            let flagged = now.flagged
            try session.sendKeys("]")
            screen = try session.waitFor("one image unflagged") { (try? Self.flaggedCounts($0).flagged).map { $0 < flagged } ?? false }
            now = try Self.flaggedCounts(screen)
        }
        XCTAssertEqual([now.tp, now.fp], [chosen[0] - 1, chosen[1]], "a defect is the first labelled image to go:\n\(screen)")
        XCTAssertTrue(screen.contains("manual (auto"), "a moved threshold is manual again:\n\(screen)")

        // The target survives reopening the workspace.
        try session.sendKeys("=")
        try session.type("fpr=0")
        try session.sendKeys("Enter")
        screen = try session.waitFor(text: "target fpr=0")
        let fprCounts = try XCTUnwrap(Self.counts(after: "held out", in: screen))
        XCTAssertEqual(fprCounts[1], 0, "fpr 0 flags no normal image:\n\(screen)")
        try session.sendKeys("q")
        _ = try session.waitFor(text: "[exited 0]")
        let reopened = try open()
        screen = try reopened.waitFor("the stored target") { Self.counts(after: "held out", in: $0) != nil }
        XCTAssertTrue(screen.contains("target fpr=0"), screen)
        XCTAssertEqual(Self.counts(after: "held out", in: screen), fprCounts)

        // A retrain keeps the target: the new model's threshold is chosen for it too.
        try reopened.sendKeys("R")
        screen = try reopened.waitFor("the retrain to finish", timeout: 120) { $0.contains("target fpr=0 kept") }
        // The report leads with the images neither model learned from (the workspace's comparison, as speck compare).
        screen = try reopened.waitFor("the before/after report") { $0.contains("neither model learned from") }
        let heldOutLine = try XCTUnwrap(screen.range(of: "neither model learned from")).lowerBound
        XCTAssertLessThan(heldOutLine, try XCTUnwrap(screen.range(of: "labelled images (")).lowerBound, screen)
        try reopened.sendKeys("Escape")  // the before/after report
        screen = try reopened.waitFor("the details after the retrain") { !$0.contains("Retrain: before") && Self.counts(after: "held out", in: $0) != nil }
        XCTAssertTrue(screen.contains("target fpr=0"), "the new model's threshold names the target:\n\(screen)")
        XCTAssertEqual(try XCTUnwrap(Self.counts(after: "held out", in: screen))[1], 0, "still no false positive:\n\(screen)")
    }

    func testLabelSurvivesQuitAndIsExported() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        try session.sendKeys("g")  // highest score first: flagged
        // Under load the details can lag the cursor by a frame: wait until they name the top row.
        screen = try session.waitFor("the top row selected and its details shown") { screen in
            guard let top = Self.listedPaths(screen).first, screen.contains("│▸ \(top)"),
                  let shown = screen.firstMatch(of: /│ image +(\S+)/)?.output.1 else { return false }
            return shown.hasSuffix(top) || top.hasSuffix(shown)
        }
        let selected = try XCTUnwrap(screen.firstMatch(of: /│ image +(\S+)/)).output.1
        XCTAssertNotNil(screen.firstMatch(of: /▸ .*FLAG/), "the top image should be flagged:\n\(screen)")
        try session.sendKeys("f")
        _ = try session.waitFor(text: "labelled normal")
        try session.sendKeys("q")
        _ = try session.waitFor(text: "[exited 0]")
        let export = try TmuxSession.run(try TestFixtures.speckBinary(), ["labels", "export", "--format", "csv"],
                                         directory: folder.path)
        let row = export.split(separator: "\n").first { $0.contains(selected) }
        XCTAssertNotNil(row, "\(selected) missing from the export:\n\(export)")
        XCTAssertTrue(row?.contains("normal") ?? false)
    }

    func testHelpShowsEveryBindingOfTheKeymap() throws {
        let session = try open()
        _ = try waitForList(session)
        try session.sendKeys("?")
        _ = try session.waitFor(text: "Keys (? or Esc closes)")
        // On a loaded machine the capture can catch the overlay half drawn: wait for it whole, then name what is missing.
        let bindings = Keymap.standard.scoped(zoomed: false).bindings
        let whole = { (screen: String) in bindings.allSatisfy { screen.contains($0.keyLabel) && screen.contains($0.summary) } }
        let screen = try (try? session.waitFor("the whole help", timeout: 10) { whole($0) }) ?? session.capture()
        for binding in bindings {
            XCTAssertTrue(screen.contains(binding.keyLabel), "help lacks the keys \(binding.keyLabel)")
            XCTAssertTrue(screen.contains(binding.summary), "help lacks '\(binding.summary)'")
        }
        try session.sendKeys("Escape")
        _ = try session.waitFor("help to close") { !$0.contains("Keys (? or Esc closes)") }
    }

    func testTooSmallTerminalShowsMessageAndRecovers() throws {
        let session = try open()
        _ = try waitForList(session)
        try session.resize(width: 60, height: 15)
        _ = try session.waitFor(text: "Terminal too small")
        try session.resize(width: 120, height: 40)
        let screen = try session.waitFor("the layout to come back") { $0.contains("╭ Images") && !$0.contains("too small") }
        XCTAssertTrue(screen.contains("╭ Scores"))
    }

    func testSIGTERMRestoresTheTerminal() throws {
        let session = try open()
        _ = try waitForList(session)
        let pid = try XCTUnwrap(try session.programPid())
        kill(pid, SIGTERM)
        // The shell prints "[exited N]" and then the terminal modes: wait for both, or a
        // capture taken between the two sees no modes at all.
        let screen = try session.waitFor("the exit and the terminal modes") { $0.contains("[exited") && $0.contains("icanon") }
        XCTAssertFalse(screen.contains("╭ Images"), "the alternate screen should be gone:\n\(screen)")
        XCTAssertTrue(screen.contains("icanon") && !screen.contains("-icanon"), "terminal left in raw mode:\n\(screen)")
        XCTAssertTrue(screen.contains(" echo") && !screen.contains("-echo"), "echo left off:\n\(screen)")
    }
}
