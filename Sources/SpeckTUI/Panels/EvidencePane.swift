import SpeckDetectors
import SpeckImaging

/// The evidence pane: the test image around the spot beside the nearest
/// stored normal patch's training image around it, at one scale, with the
/// training image's name and the distance.
public struct EvidencePane {
    public enum Content {
        case shown(WorkstationEvidence, cursor: Bool)
        case waiting(String)
        case problem(String)
    }

    /// Text lines under the pictures.
    static let textRows = 6

    /// Returns the crops drawn as pictures, in drawing order (for terminal graphics).
    @discardableResult
    public static func draw(_ content: Content, title: String, renderer: HalfBlockRenderer,
                            into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) -> [Image] {
        buffer.box(rect, style: theme.frame, title: "Evidence · \(title)", titleStyle: theme.title)
        let inner = rect.inner
        switch content {
        case .waiting(let message):
            ImagePane.drawMessage(.waiting(message), in: inner, into: &buffer, theme: theme)
            return []
        case .problem(let problem):
            ImagePane.drawMessage(.problem(problem), in: inner, into: &buffer, theme: theme)
            return []
        case .shown(let shown, let cursor):
            let pictures = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - textRows))
            let evidence = shown.evidence, crops = shown.crops
            let spot = "x \(evidence.spotX) y \(evidence.spotY)"
            let name = shown.trainingName ?? "training image \(evidence.match.source.sample + 1)"
            let panes = SideBySidePane.panes(count: 2, in: pictures)
            let images = [crops.test, crops.training]
            let grids = zip(images, panes).map { image, pane in image.flatMap { grid($0, in: pane) } }
            let panels = [
                SideBySidePane.Panel(captions: ["test · \(cursor ? "cursor" : "hottest") \(spot)", "test \(spot)", "test"],
                                     picture: grids[0]),
                SideBySidePane.Panel(captions: ["nearest normal · \(name)", "nearest normal", "normal"], picture: grids[1]),
            ]
            SideBySidePane.draw(panels, renderer: renderer, into: &buffer, inner: pictures, theme: theme)
            let y = inner.y + pictures.height
            let lines = [String(format: "distance %.4g · map %.4g", evidence.distance, evidence.mapValue),
                         "at \(spot) (\(cursor ? "cursor" : "hottest spot"))",
                         "nearest \(name)",
                         crops.trainingBox.map { "   at \($0)" } ?? ""]
            for (i, line) in lines.enumerated() {
                buffer.text(line, x: inner.x + 1, y: y + i, style: theme.base, maxWidth: inner.width - 2)
            }
            if var problem = crops.problem {
                // The name as the list shows it: the absolute path would crowd out the reason.
                if let file = evidence.trainingFile { problem = problem.replacingOccurrences(of: file.path, with: name) }
                let wrapped = TextFit.wrap("⚠ " + problem, width: inner.width - 2, maxLines: textRows - 3, hangingIndent: 2)
                // In place of the position in the training image, which cannot be read.
                for (i, line) in wrapped.enumerated() {
                    buffer.text(line, x: inner.x + 1, y: y + 3 + i, style: theme.warn, maxWidth: inner.width - 2)
                }
            }
            // The pictures drawn: those that fitted their pane.
            return zip(images, grids).compactMap { image, grid in grid == nil ? nil : image }
        }
    }

    /// A crop as half-block pixels fitted to a pane's picture area.
    static func grid(_ image: Image, in pane: Rect) -> PixelGrid? {
        let area = SideBySidePane.pictureArea(of: pane)
        let fitting = PaneFitting(imageWidth: image.width, imageHeight: image.height, columns: area.width, rows: area.height)
        guard fitting.pixelWidth > 0, fitting.pixelHeight > 0 else { return nil }
        return pixels(image, width: fitting.pixelWidth, height: fitting.pixelHeight)
    }

    /// A crop resized to `width` x `height` pixels.
    static func pixels(_ image: Image, width: Int, height: Int) -> PixelGrid {
        let small = image.asRGB().resized(width: width, height: height)
        var grid = PixelGrid(width: width, height: height)
        let plane = small.planeSize
        for i in 0..<plane { grid.pixels[i] = RGB(unit: small.pixels[i], small.pixels[plane + i], small.pixels[2 * plane + i]) }
        return grid
    }
}
