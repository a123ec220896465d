/// The side-by-side view: the image, its heatmap and (with a mask) the ground
/// truth in equal panes across the image pane, each captioned above its picture.
public struct SideBySidePane {
    /// One pane: its caption and its picture (nil: nothing to show, the caption says why).
    public struct Panel: Sendable {
        /// Longest first; the first that fits the pane is shown, so narrow panes get a short caption.
        public var captions: [String]
        public var picture: PixelGrid?

        public init(captions: [String], picture: PixelGrid?) {
            self.captions = captions
            self.picture = picture
        }
    }

    /// `count` equal panes across `inner`, one blank column between neighbours.
    public static func panes(count: Int, in inner: Rect) -> [Rect] {
        guard count > 0 else { return [] }
        let width = max(0, (inner.width - (count - 1)) / count)
        return (0..<count).map { Rect(x: inner.x + $0 * (width + 1), y: inner.y, width: width, height: inner.height) }
    }

    /// Where a pane's picture goes: everything below its caption row.
    public static func pictureArea(of pane: Rect) -> Rect {
        Rect(x: pane.x, y: pane.y + 1, width: pane.width, height: max(0, pane.height - 1))
    }

    public static func draw(_ panels: [Panel], renderer: HalfBlockRenderer, into buffer: inout ScreenBuffer,
                            inner: Rect, theme: Theme) {
        let panes = panes(count: panels.count, in: inner)
        // Pictures and captions sit together, centred as one block: every caption just above its picture.
        let top = zip(panels, panes).lazy.compactMap { panel, pane in
            panel.picture.map { fitting($0, in: pane).cellOffsetY }
        }.first ?? 0
        for (panel, pane) in zip(panels, panes) where pane.width > 0 {
            let caption = panel.captions.first { $0.count <= pane.width } ?? String((panel.captions.last ?? "").prefix(pane.width))
            buffer.text(caption, x: pane.x + (pane.width - caption.count) / 2, y: pane.y + top,
                        style: panel.picture == nil ? theme.dim : theme.title, maxWidth: pane.width)
            guard let grid = panel.picture else { continue }
            let area = pictureArea(of: pane)
            renderer.draw(grid, into: &buffer, at: area.x + fitting(grid, in: pane).cellOffsetX, y: area.y + top, monoStyle: theme.base)
        }
    }

    static func fitting(_ grid: PixelGrid, in pane: Rect) -> PaneFitting {
        let area = pictureArea(of: pane)
        return PaneFitting(imageWidth: grid.width, imageHeight: grid.height, columns: area.width, rows: area.height)
    }

    /// A ground-truth mask as a picture: defect pixels white on black, as the datasets store them.
    public static func maskPicture(_ mask: [Bool], width: Int, height: Int) -> PixelGrid {
        var grid = PixelGrid(width: width, height: height)
        grid.pixels = mask.prefix(width * height).map { $0 ? RGB(255, 255, 255) : RGB(0, 0, 0) }
        return grid
    }
}
