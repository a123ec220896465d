/// The image pane: title with view mode, then the half-block picture (or why there is none).
public struct ImagePane {
    public enum Content {
        case picture(PixelGrid)
        case waiting(String)
        case problem(String)
        /// The side-by-side view's captioned pictures.
        case sideBySide([SideBySidePane.Panel])
    }

    public static func draw(_ content: Content, state: WorkstationState, renderer: HalfBlockRenderer,
                            into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        var title = state.list.selectedEntry?.relativePath ?? "no image"
        title += " · \(state.viewMode.rawValue)"
        if state.viewMode == .overlay { title += " \(Int((state.opacity * 100).rounded()))%" }
        buffer.box(rect, style: theme.frame, title: title, titleStyle: theme.title)
        let inner = rect.inner
        switch content {
        case .picture(let grid):
            let fitting = PaneFitting(imageWidth: grid.width, imageHeight: grid.height, columns: inner.width, rows: inner.height)
            renderer.draw(grid, into: &buffer, at: inner.x + fitting.cellOffsetX, y: inner.y + fitting.cellOffsetY, monoStyle: theme.base)
        case .sideBySide(let panels):
            SideBySidePane.draw(panels, renderer: renderer, into: &buffer, inner: inner, theme: theme)
        case .waiting, .problem:
            drawMessage(content, in: inner, into: &buffer, theme: theme)
        }
    }

    /// Why there is no picture, in the middle of `inner`: a wait on one line, a problem wrapped below it.
    static func drawMessage(_ content: Content, in inner: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        switch content {
        case .picture, .sideBySide: break
        case .waiting(let message):
            let text = TextFit.abbreviate(message, width: inner.width)
            buffer.text(text, x: inner.x + max(0, (inner.width - TextFit.width(text)) / 2), y: inner.y + inner.height / 2, style: theme.dim)
        case .problem(let problem):
            let lines = TextFit.wrap("⚠ " + problem, width: inner.width - 2, maxLines: inner.height - inner.height / 2, hangingIndent: 2)
            for (i, line) in lines.enumerated() {
                buffer.text(line, x: inner.x + 1, y: inner.y + inner.height / 2 + i, style: theme.warn)
            }
        }
    }
}
