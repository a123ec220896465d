/// A full-screen explanation instead of the workstation: an empty folder,
/// a folder of only unreadable files, missing weights...
public struct NoticeScreen {
    public static func draw(title: String, lines: [String], into buffer: inout ScreenBuffer, theme: Theme) {
        let width = min(buffer.width - 4, max(title.count, lines.map(\.count).max() ?? 0) + 6)
        let rows = DialogLine.rows(lines.map { DialogLine($0, theme.base) }, width: width - 6, height: buffer.height - 6)
        let height = min(buffer.height - 2, rows.count + 4)
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.box(box, style: theme.frame, title: title, titleStyle: theme.warn)
        for (i, row) in rows.prefix(box.height - 4).enumerated() {
            buffer.text(row.text, x: box.x + 3, y: box.y + 2 + i, style: row.style)
        }
    }
}
