/// The `?` overlay, generated from the keymap table (every binding, by group).
public struct HelpOverlay {
    public static func lines(for keymap: Keymap) -> [(keys: String, summary: String, isGroup: Bool)] {
        var lines: [(String, String, Bool)] = []
        for group in KeyBinding.Group.allCases {
            let bindings = keymap.bindings.filter { $0.group == group }
            guard !bindings.isEmpty else { continue }
            lines.append((group.rawValue, "", true))
            for binding in bindings { lines.append((binding.keyLabel, binding.summary, false)) }
        }
        return lines
    }

    /// `footer` goes on the bottom edge of the box (the graphics mode in use).
    public static func draw(keymap: Keymap, footer: String? = nil, into buffer: inout ScreenBuffer, theme: Theme) {
        let lines = lines(for: keymap)
        // Two columns when the screen is too short for one (the box may then take all but one row).
        let columnsNeeded = lines.count + 3 > buffer.height ? 2 : 1
        let perColumn = (lines.count + columnsNeeded - 1) / columnsNeeded
        let columnWidth = min(64, (buffer.width - 4) / columnsNeeded)
        let width = min(buffer.width - 2, columnWidth * columnsNeeded + 2)
        let height = min(buffer.height - 1, perColumn + 3)
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(box, style: theme.base)
        buffer.box(box, style: theme.frame, title: "Keys (? or Esc closes)", titleStyle: theme.title)
        for (i, line) in lines.enumerated() {
            let column = i / perColumn, row = i % perColumn
            let x = box.x + 2 + column * columnWidth, y = box.y + 1 + row
            guard y < box.maxY - 1 else { continue }
            if line.isGroup {
                buffer.text(line.keys, x: x, y: y, style: theme.title, maxWidth: columnWidth - 2)
            } else {
                buffer.text(line.keys, x: x + 1, y: y, style: theme.warn, maxWidth: 12)
                buffer.text(TextFit.abbreviate(line.summary, width: columnWidth - 15), x: x + 14, y: y, style: theme.base)
            }
        }
        if let footer, box.width > 6 {
            buffer.text(" \(TextFit.abbreviate(footer, width: box.width - 6)) ", x: box.x + 2, y: box.maxY - 1, style: theme.dim)
        }
    }
}
