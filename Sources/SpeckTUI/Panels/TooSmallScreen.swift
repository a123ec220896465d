/// Shown instead of the layout when the terminal is below the minimum size.
public struct TooSmallScreen {
    public static func draw(into buffer: inout ScreenBuffer, theme: Theme) {
        let lines = [
            "Terminal too small",
            "\(buffer.width)x\(buffer.height), need at least \(Layout.minimumWidth)x\(Layout.minimumHeight)",
            "Enlarge the window to continue (q quits)",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - line.count) / 2)
            buffer.text(line, x: x, y: top + i, style: i == 0 ? theme.warn : theme.base)
        }
    }
}
