import CNCursesW
import Foundation

/// The only place that talks to ncurses. Opens the screen in raw mode (so
/// Ctrl-C arrives as a key), maps RGB styles to what the terminal can show,
/// copies `ScreenBuffer`s out sending only changed cells, and always puts
/// the terminal back (`close()`, and a crash handler as a last resort).
public final class Terminal {
    public let colorMode: ColorMode
    /// The terminfo name actually loaded (may differ from $TERM, see `open`).
    public let terminalName: String
    /// Whether clicks and the wheel were asked for (off with `--no-mouse`, see `MouseSetting`).
    public let mouseEnabled: Bool
    private let mapper: PaletteMapper
    private var pairs: [PairKey: Int32] = [:]
    private let maxPairs: Int
    private var previous: ScreenBuffer?
    private var isOpen = true

    private struct PairKey: Hashable { var foreground: Int; var background: Int }

    public enum OpenError: Error, CustomStringConvertible {
        case noTerminal(String)
        public var description: String {
            switch self {
            case .noTerminal(let name): return "cannot open the terminal '\(name)': is TERM set and is this a terminal?"
            }
        }
    }

    /// Opens the screen. With COLORTERM=truecolor/24bit on an xterm-like
    /// terminal whose entry lacks direct colour, the direct-colour variant is
    /// tried first; a $TERM without a terminfo entry falls back to xterm-256color.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        _ = speck_set_locale()  // without it ncursesw drops every non-ASCII character (▀)
        setenv("ESCDELAY", "25", 0)  // Esc must feel instant
        let term = environment["TERM"] ?? "xterm"
        var candidates: [String] = []
        if ColorMode.environmentWantsTruecolor(environment), !term.contains("direct"), term.hasPrefix("xterm") {
            candidates.append("xterm-direct")
        }
        candidates += [term, "xterm-256color", "xterm"]
        guard let opened = candidates.first(where: { speck_open_screen($0) == 0 }) else {
            throw OpenError.noTerminal(term)
        }
        terminalName = opened
        speck_install_crash_restore()
        raw()
        noecho()
        nonl()
        keypad(speck_stdscr(), true)
        curs_set(0)
        mouseEnabled = MouseSetting.isEnabled(environment: environment)
        if mouseEnabled { speck_enable_mouse() }
        var colours = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colours = Int(speck_colors())
        }
        let direct = has_colors() && speck_has_direct_colour() != 0
        colorMode = ColorMode.detect(environment: environment, terminfoColors: colours, terminfoDirect: direct)
        mapper = PaletteMapper(mode: colorMode, ansiCount: colours >= 16 ? 16 : 8)
        maxPairs = Int(speck_color_pairs())
    }

    deinit { close() }

    /// Puts the terminal back as it was. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        speck_remove_crash_restore()
    }

    public var size: (width: Int, height: Int) { (Int(speck_cols()), Int(speck_lines())) }

    /// Waits up to `timeoutMilliseconds` for a key (-1: forever).
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        wtimeout(speck_stdscr(), timeoutMilliseconds)
        var code: wint_t = 0
        let kind = wget_wch(speck_stdscr(), &code)
        if kind == ERR { return nil }
        if kind == KEY_CODE_YES { return functionKey(Int32(code)) }
        return characterKey(UInt32(code))
    }

    private func characterKey(_ code: UInt32) -> Key {
        switch code {
        case 27: return .escape
        case 13, 10: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .character(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case speck_KEY_RESIZE: return .resize
        case speck_KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            switch speck_read_mouse(&x, &y) {
            case 1: return .click(x: Int(x), y: Int(y))
            case 4: return .wheelUp(x: Int(x), y: Int(y))
            case 5: return .wheelDown(x: Int(x), y: Int(y))
            default: return .unknown(code)
            }
        default: return .unknown(code)
        }
    }

    /// Copies `buffer` to the screen, sending only cells that changed since
    /// the last frame (all of them after a resize or a palette reset).
    public func present(_ buffer: ScreenBuffer) {
        guard isOpen else { return }
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { clearok(speck_stdscr(), true) }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !full, previous![x, y] == cell { continue }
                draw(cell, x: x, y: y)
            }
        }
        previous = buffer
        wnoutrefresh(speck_stdscr())
        doupdate()
    }

    /// Forgets the last frame so the next `present` repaints everything.
    public func invalidate() { previous = nil }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        var attrs = speck_A_NORMAL
        if cell.style.bold { attrs |= speck_A_BOLD }
        if cell.style.reverse { attrs |= speck_A_REVERSE }
        if cell.style.underline { attrs |= speck_A_UNDERLINE }
        let pair = colorMode == .mono ? 0 : pairNumber(cell.style)
        _ = speck_put_cell(Int32(y), Int32(x), wchar_t(bitPattern: cell.character.value), attrs, pair)
    }

    private func pairNumber(_ style: Style) -> Int32 {
        let key = PairKey(foreground: mapper.colourNumber(for: style.foreground),
                          background: mapper.colourNumber(for: style.background))
        if let known = pairs[key] { return known }
        if pairs.count + 1 >= maxPairs {
            // Out of pairs: start over; cells on screen still use old pair
            // numbers, so the next frame repaints everything.
            pairs.removeAll(keepingCapacity: true)
            previous = nil
        }
        let number = Int32(pairs.count + 1)
        _ = speck_init_pair(number, Int32(key.foreground), Int32(key.background))
        pairs[key] = number
        return number
    }
}
