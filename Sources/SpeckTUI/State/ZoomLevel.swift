/// How far the full-screen view is zoomed: the whole image fitted, or a
/// fixed number of screen pixels per image pixel (half-block pixels, or the
/// terminal's own pixels when it draws real graphics).
public enum ZoomLevel: String, Sendable, CaseIterable {
    case fit
    case actual = "1:1"
    case double = "2x"
    case quadruple = "4x"

    /// Screen pixels per image pixel; nil when fitted to the pane.
    public var scale: Int? {
        switch self {
        case .fit: return nil
        case .actual: return 1
        case .double: return 2
        case .quadruple: return 4
        }
    }

    public var closer: ZoomLevel {
        let all = Self.allCases
        return all[min(all.count - 1, all.firstIndex(of: self)! + 1)]
    }

    public var farther: ZoomLevel {
        let all = Self.allCases
        return all[max(0, all.firstIndex(of: self)! - 1)]
    }
}
