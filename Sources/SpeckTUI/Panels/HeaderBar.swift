/// The top line: folder, model and colour mode.
public struct HeaderBar {
    public static func draw(_ state: WorkstationState, colorMode: ColorMode, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        let style = Style(foreground: theme.selectionForeground, background: theme.selectionBackground)
        buffer.fill(rect, style: style)
        var text = " speck  \(state.folderTitle)"
        if let model = state.model {
            text += "  │  model \(model.name): \(model.detector)" + (model.backbone.map { " · \($0)" } ?? "")
                + (state.newerModel.map { "  (\($0.name) is newer: M)" } ?? "")
        } else {
            text += "  │  no model yet: press t to train"
        }
        let right = "\(state.themeName) · \(colorMode.rawValue) "
        buffer.text(TextFit.abbreviate(text, width: rect.width - right.count - 1), x: rect.x, y: rect.y, style: style.emphasised)
        buffer.text(right, x: rect.maxX - right.count, y: rect.y, style: style)
    }
}
