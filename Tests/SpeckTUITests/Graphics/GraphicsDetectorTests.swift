import Foundation
import SpeckTUI
import XCTest

/// Detection against a pseudo-terminal that plays the terminal's part.
final class GraphicsDetectorTests: XCTestCase {
    /// A pty pair: the detector gets the terminal side, the test plays the terminal on the other.
    struct PseudoTerminal {
        let controller: Int32
        let terminal: Int32

        init() throws {
            // Glibc's Swift module leaves out the Unix 98 pty calls (they need _XOPEN_SOURCE): look them up in libc.
            typealias OpenPT = @convention(c) (Int32) -> Int32
            typealias PTCall = @convention(c) (Int32) -> Int32
            typealias PTSName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
            func function<T>(_ name: String, as type: T.Type) throws -> T {
                guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw XCTSkip("no \(name) in libc") }
                return unsafeBitCast(symbol, to: type)
            }
            let openpt = try function("posix_openpt", as: OpenPT.self), grantpt = try function("grantpt", as: PTCall.self)
            let unlockpt = try function("unlockpt", as: PTCall.self), ptsname = try function("ptsname", as: PTSName.self)
            controller = openpt(O_RDWR | O_NOCTTY)
            guard controller >= 0, grantpt(controller) == 0, unlockpt(controller) == 0, let name = ptsname(controller) else {
                throw XCTSkip("no pseudo-terminals here")
            }
            terminal = open(name, O_RDWR | O_NOCTTY)
            guard terminal >= 0 else { throw XCTSkip("cannot open \(String(cString: name))") }
        }

        func close() {
            Glibc.close(terminal)
            Glibc.close(controller)
        }

        /// Everything the detector wrote, read until `marker` shows up or a second passes.
        func read(until marker: String) -> String {
            var text = ""
            let deadline = Date().addingTimeInterval(1)
            var buffer = [UInt8](repeating: 0, count: 512)
            while !text.contains(marker), Date() < deadline {
                var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                let count = Glibc.read(controller, &buffer, buffer.count)
                if count > 0 { text += String(decoding: buffer[0..<count], as: UTF8.self) }
            }
            return text
        }

        func answer(_ text: String) {
            _ = Array(text.utf8).withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
        }
    }

    let xterm = ["TERM": "xterm-256color"]

    func detector(_ pty: PseudoTerminal, environment: [String: String]? = nil) -> GraphicsDetector {
        GraphicsDetector(environment: environment ?? xterm, input: pty.terminal, output: pty.terminal, timeoutMilliseconds: 150)
    }

    func testSilentTerminalFallsBackToHalfBlocksWithinTheTimeout() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let started = Date()
        let choice = detector(pty).choose(forced: nil, source: "config")
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(choice.graphics, .blocks)
        XCTAssertEqual(choice.reason, "no answer")
        XCTAssertLessThan(elapsed, 2, "gives up after the timeout (150 ms), never hangs")
        let asked = pty.read(until: "\u{1b}[c")
        XCTAssertTrue(asked.contains("a=q"), "the kitty query was sent: \(asked.debugDescription)")
        XCTAssertTrue(asked.contains("\u{1b}[c"), "DA1 was asked")
    }

    /// Detection against a terminal that answers the queries with `reply`.
    func detect(answering reply: String) throws -> GraphicsChoice {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let terminalSide = Thread {
            _ = pty.read(until: "\u{1b}[c")
            pty.answer(reply)
        }
        terminalSide.start()
        return GraphicsDetector(environment: xterm, input: pty.terminal, output: pty.terminal, timeoutMilliseconds: 1000)
            .choose(forced: nil, source: "config")
    }

    func testKittyAnswerIsDetectedWithTheCellSize() throws {
        let choice = try detect(answering: "\u{1b}_Gi=31;OK\u{1b}\\\u{1b}[6;20;10t\u{1b}[?62;22c")
        XCTAssertEqual(choice, GraphicsChoice(.kitty, reason: "detected", reportedCell: CellPixelSize(width: 10, height: 20)))
        XCTAssertEqual(choice.summary, "graphics: kitty (detected)")
    }

    func testDeviceAttributesWithFourMeanSixel() throws {
        let choice = try detect(answering: "\u{1b}[?63;1;2;4;6;9;15;22c")
        XCTAssertEqual(choice.graphics, .sixel)
        XCTAssertEqual(choice.reason, "detected")
    }

    func testTmuxMeansHalfBlocksWithoutAsking() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let choice = detector(pty, environment: ["TERM": "screen", "TMUX": "/tmp/x,1,0", "KITTY_WINDOW_ID": "1"])
            .choose(forced: nil, source: "config")
        XCTAssertEqual(choice, GraphicsChoice(.blocks, reason: "tmux"))
        XCTAssertEqual(pty.read(until: "never"), "", "nothing was sent to the terminal")
        let forced = detector(pty, environment: ["TMUX": "/tmp/x,1,0"]).choose(forced: .sixel, source: "--graphics")
        XCTAssertEqual(forced, GraphicsChoice(.sixel, reason: "--graphics"), "the user's choice wins")
    }

    func testPipeIsNotQueried() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]); close(ends[1]) }
        let choice = GraphicsDetector(environment: xterm, input: ends[0], output: ends[1], timeoutMilliseconds: 150)
            .choose(forced: nil, source: "config")
        XCTAssertEqual(choice, GraphicsChoice(.blocks, reason: "not a terminal"))
    }

    func testEnvironmentHints() {
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM": "xterm-kitty"]), .kitty)
        XCTAssertEqual(GraphicsDetector.environmentHint(["KITTY_WINDOW_ID": "3"]), .kitty)
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM_PROGRAM": "ghostty"]), .kitty)
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM_PROGRAM": "iTerm.app"]), .iterm)
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM_PROGRAM": "WezTerm"]), .iterm)
        XCTAssertEqual(GraphicsDetector.environmentHint(["KONSOLE_VERSION": "230804"]), .kitty)
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM": "foot"]), .sixel)
        XCTAssertEqual(GraphicsDetector.environmentHint(["WT_SESSION": "x"]), .sixel)
        XCTAssertEqual(GraphicsDetector.environmentHint(["TERM": "mlterm"]), .sixel)
        XCTAssertNil(GraphicsDetector.environmentHint(["TERM": "xterm-256color"]))
    }

    func testRepliesAreParsed() {
        let replies = TerminalReplies(Array("junk\u{1b}_Gi=31;OK\u{1b}\\\u{1b}[6;17;9t\u{1b}[?62;4;22c".utf8))
        XCTAssertTrue(replies.kittyGraphics)
        XCTAssertTrue(replies.sixel)
        XCTAssertEqual(replies.cell, CellPixelSize(width: 9, height: 17))
        XCTAssertTrue(replies.complete)
        let error = TerminalReplies(Array("\u{1b}_Gi=31;ENOENT:bad\u{1b}\\\u{1b}[?62;22c".utf8))
        XCTAssertFalse(error.kittyGraphics)
        XCTAssertFalse(error.sixel, "22 is not 4")
        XCTAssertFalse(TerminalReplies(Array("\u{1b}[6;17;9t".utf8)).complete)
    }

    func testSettingAndConfigFile() throws {
        XCTAssertNil(try GraphicsProtocol.setting("auto"))
        XCTAssertEqual(try GraphicsProtocol.setting("Sixel"), .sixel)
        XCTAssertThrowsError(try GraphicsProtocol.setting("png"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.toml")
        try "[graphics]\nprotocol = \"iterm\"\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try GraphicsConfig.load(environment: ["SPECK_CONFIG": file.path]).forced, .iterm)
        try "[graphics]\nprotocol = \"jpeg\"\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try GraphicsConfig.load(environment: ["SPECK_CONFIG": file.path])) { error in
            XCTAssertTrue("\(error)".contains(file.path) && "\(error)".contains("jpeg"), "\(error)")
        }
        XCTAssertNil(try GraphicsConfig.load(environment: ["XDG_CONFIG_HOME": folder.path]).forced, "no file: auto")
    }
}
