/// A key press or terminal event, decoded from ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// Ctrl + a letter, e.g. `.control("c")`.
    case control(Character)
    case resize
    case click(x: Int, y: Int)
    /// The wheel, with the cell under the pointer (the zoomed view zooms about it).
    case wheelUp(x: Int, y: Int), wheelDown(x: Int, y: Int)
    case unknown(Int32)

    /// How the key is written in hints and in the help overlay.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .tab: return "Tab"
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .resize: return "resize"
        case .click: return "click"
        case .wheelUp: return "wheel↑"
        case .wheelDown: return "wheel↓"
        case .unknown(let code): return "key \(code)"
        }
    }
}
