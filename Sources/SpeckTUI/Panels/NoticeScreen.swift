/// A full-screen explanation instead of the workstation: an empty folder,
/// a folder of only unreadable files, missing weights...
public struct NoticeScreen {
    public static func draw(title: String, lines: [String], into buffer: inout ScreenBuffer, theme: Theme) {
        let width = min(buffer.width - 4, max(title.count, lines.map(\.count).max() ?? 0) + 6)
        let height = min(buffer.height - 2, lines.count + 4)
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.box(box, style: theme.frame, title: title, titleStyle: theme.warn)
        for (i, line) in lines.prefix(box.height - 4).enumerated() {
            buffer.text(line, x: box.x + 3, y: box.y + 2 + i, style: theme.base, maxWidth: box.width - 6)
        }
    }
}
