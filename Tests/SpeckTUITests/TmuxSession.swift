import Foundation
import SpeckTestSupport
import XCTest

/// Drives a program inside a detached tmux session, as a user at a real
/// terminal would: keys in, screen text (with colour escapes) out.
final class TmuxSession {
    let name: String
    private(set) var isRunning = true

    /// Starts `command` (argv) in a fresh `width`x`height` session with `environment` added.
    init(command: [String], environment: [String: String] = [:], width: Int = 120, height: Int = 40,
         directory: String? = nil) throws {
        name = "speck-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        // Colour settings the test did not ask for must not leak in from the tmux server's environment.
        let unset = ["NO_COLOR", "COLORTERM"].filter { environment[$0] == nil }.map { "-u \($0)" }
        // Keep the pane open after the program ends so its last screen and exit status can be read.
        let shell = (directory.map { "cd \(Self.quote($0)) && " } ?? "")
            + "env \((unset + assignments).joined(separator: " ")) \(command.map(Self.quote).joined(separator: " "))"
            + "; echo \"[exited $?]\"; stty -a | tr -s ' ' | grep -o -- '-\\?icanon\\|-\\?echo ' | tr '\\n' ' '; sleep 600"
        // This call may start our tmux server, which would keep a pipe open forever: no pipes here.
        let status = try Self.spawnAndWait(["tmux", "-L", Self.socket, "new-session", "-d", "-s", name,
                                            "-x", "\(width)", "-y", "\(height)", shell])
        guard status == 0 else { throw TmuxError.failed("tmux new-session failed (wait status \(status))") }
    }

    /// posix_spawn + waitpid, stdio on /dev/null. Foundation's Process sometimes
    /// never notices the exit of a tmux client that just forked its server
    /// (seen as a <defunct> child and a hung test), so this call avoids it.
    static func spawnAndWait(_ argv: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TmuxError.failed("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    deinit { try? Self.tmux(["kill-session", "-t", name]) }

    func sendKeys(_ keys: String...) throws { try Self.tmux(["send-keys", "-t", name] + keys) }

    /// Sends text literally (no key-name lookup).
    func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", text]) }

    func capture(escapes: Bool = false) throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the program running in the pane (the child of the pane's shell).
    func programPid() throws -> Int32? {
        let shellPid = try Self.tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try Self.run("/usr/bin/env", ["pgrep", "-P", shellPid]).split(separator: "\n")
        return children.first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Polls the screen until `condition` holds; fails the test with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 60, escapes: Bool = false, file: StaticString = #filePath,
                 line: UInt = #line, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture(escapes: escapes)
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(escapes ? try capture() : screen)", file: file, line: line)
        throw TmuxError.timeout(what)
    }

    func waitFor(text: String, timeout: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("'\(text)'", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    enum TmuxError: Error { case failed(String), timeout(String) }

    /// A tmux server of our own: a shared one may carry other programs' environment (NO_COLOR, TERM...).
    static let socket = "speck-tui-tests"

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String { try run("/usr/bin/env", ["tmux", "-L", socket] + arguments) }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], directory: String? = nil) throws -> String {
        let finished = try ChildProcess.run(executable, arguments, directory: directory)
        if finished.status != 0, arguments.first != "pgrep" {
            throw TmuxError.failed("\(arguments.joined(separator: " ")): \(finished.err)\(finished.out)")
        }
        return finished.out
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
