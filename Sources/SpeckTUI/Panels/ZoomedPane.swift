/// The full-screen image view: the picture centred in a frame whose title
/// names the image, the view mode, the zoom and the window shown.
public struct ZoomedPane {
    public static func draw(_ content: ImagePane.Content, caption: String, state: WorkstationState,
                            renderer: HalfBlockRenderer, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        var title = state.list.selectedEntry?.relativePath ?? "no image"
        title += " · \(state.viewMode.rawValue)"
        if state.viewMode == .overlay { title += " \(Int((state.opacity * 100).rounded()))%" }
        // The caption first: a long file name is what gets cut on a narrow screen.
        buffer.box(rect, style: theme.frame, title: "\(caption) · \(title)", titleStyle: theme.title)
        let inner = rect.inner
        switch content {
        case .picture(let grid):
            let origin = ZoomedPicture.origin(inner: inner, pixelWidth: grid.width, pixelHeight: grid.height)
            renderer.draw(grid, into: &buffer, at: origin.x, y: origin.y, monoStyle: theme.base)
        case .waiting, .problem, .sideBySide:
            ImagePane.drawMessage(content, in: inner, into: &buffer, theme: theme)
        }
    }
}
