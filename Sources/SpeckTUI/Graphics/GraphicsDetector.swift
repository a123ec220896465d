import Foundation

/// Chooses the graphics protocol at start, before ncurses takes the terminal:
/// the user's choice if any; half-blocks under tmux or screen (they do not
/// pass images through); else what the terminal answers to a kitty graphics
/// query and to DA1 within `timeoutMilliseconds`; else environment hints;
/// else half-blocks. Never waits longer than the timeout and never reads a
/// descriptor that is not a terminal.
public struct GraphicsDetector {
    public static let queryId = 31
    /// A 1x1 RGB query: kitty answers "OK" without showing anything; others ignore it.
    static let kittyQuery = "\u{1b}_Gi=\(queryId),s=1,v=1,a=q,t=d,f=24;AAAA\u{1b}\\"
    static let cellSizeQuery = "\u{1b}[16t"
    static let deviceAttributesQuery = "\u{1b}[c"

    public var environment: [String: String]
    public var input: Int32
    public var output: Int32
    public var timeoutMilliseconds: Int

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, timeoutMilliseconds: Int = 150) {
        self.environment = environment
        self.input = input
        self.output = output
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// `forced`: from `--graphics` or the config file (nil: auto); `source` names it for the help line.
    public func choose(forced: GraphicsProtocol?, source: String) -> GraphicsChoice {
        if let forced { return GraphicsChoice(forced, reason: source) }
        if environment["TMUX"] != nil || environment["STY"] != nil {
            return GraphicsChoice(.blocks, reason: environment["TMUX"] != nil ? "tmux" : "screen")
        }
        let replies = query()
        let hint = Self.environmentHint(environment)
        if replies?.kittyGraphics == true { return GraphicsChoice(.kitty, reason: "detected", reportedCell: replies?.cell) }
        if let hint, hint != .sixel { return GraphicsChoice(hint, reason: "environment", reportedCell: replies?.cell) }
        if replies?.sixel == true { return GraphicsChoice(.sixel, reason: "detected", reportedCell: replies?.cell) }
        if let hint { return GraphicsChoice(hint, reason: "environment", reportedCell: replies?.cell) }
        return GraphicsChoice(.blocks, reason: replies == nil ? "not a terminal" : "no answer")
    }

    /// What the environment says about terminals known to show images.
    public static func environmentHint(_ environment: [String: String]) -> GraphicsProtocol? {
        let term = environment["TERM"] ?? "", program = environment["TERM_PROGRAM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || term == "xterm-ghostty" || program == "ghostty" {
            return .kitty
        }
        if program == "iTerm.app" || program == "WezTerm" { return .iterm }
        if environment["KONSOLE_VERSION"] != nil { return .kitty }
        if environment["WT_SESSION"] != nil || term.hasPrefix("foot") || term.hasPrefix("mlterm") || environment["MLTERM"] != nil {
            return .sixel
        }
        return nil
    }

    /// Sends the queries and collects the answers until DA1 arrives or the time is up.
    /// Nil when `input` is not a terminal (nothing is sent then).
    public func query() -> TerminalReplies? {
        let term = environment["TERM"] ?? ""
        // The Linux console and dumb terminals print an unknown APC as text.
        guard isatty(input) == 1, isatty(output) == 1, term != "linux", term != "dumb", !term.isEmpty else { return nil }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(input, TCSANOW, &saved) }
        let request = Array((Self.kittyQuery + Self.cellSizeQuery + Self.deviceAttributesQuery).utf8)
        guard request.withUnsafeBytes({ write(output, $0.baseAddress, $0.count) }) == request.count else { return nil }
        var received: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMilliseconds) * 1_000_000
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            var poller = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, (deadline - now) / 1_000_000)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = read(input, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
            if TerminalReplies(received).complete { break }
        }
        let replies = TerminalReplies(received)
        // A half-received answer must not reach ncurses as key presses.
        if !replies.complete { tcflush(input, TCIFLUSH) }
        return replies
    }
}
