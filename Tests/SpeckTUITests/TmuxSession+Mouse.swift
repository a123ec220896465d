import Foundation

/// Mouse events as a terminal sends them with SGR reporting (mode 1006), written
/// into the pane; the program sees them only if it asked for mouse reporting.
extension TmuxSession {
    /// A left click (press and release) at the 0-based cell `x`, `y`.
    func click(x: Int, y: Int) throws {
        try type("\u{1B}[<0;\(x + 1);\(y + 1)M")
        try type("\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    /// One wheel notch (buttons 64 up, 65 down) at the 0-based cell `x`, `y`.
    func wheel(down: Bool, x: Int, y: Int) throws {
        try type("\u{1B}[<\(down ? 65 : 64);\(x + 1);\(y + 1)M")
    }

    /// Whether the program asked the terminal for mouse clicks (tmux's mouse_standard_flag: mode 1000).
    func mouseReportingRequested() throws -> Bool {
        try Self.tmux(["display-message", "-p", "-t", name, "#{mouse_standard_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }
}
