/// The panels of the side-by-side view for one image: the image, its heatmap
/// (or a caption saying why there is none) and, when a mask exists, the ground truth.
public struct SideBySideView: Sendable {
    public var theme: Theme
    public var hasModel: Bool
    public var isScored: Bool
    public var hasMask: Bool

    public init(theme: Theme, hasModel: Bool, isScored: Bool, hasMask: Bool) {
        self.theme = theme
        self.hasModel = hasModel
        self.isScored = isScored
        self.hasMask = hasMask
    }

    public var paneCount: Int { hasMask ? 3 : 2 }

    public func panels(_ layers: PaneLayers) -> [SideBySidePane.Panel] {
        func picture(_ mode: ViewMode) -> PixelGrid {
            ViewComposer(mode: mode, opacity: 1, pixelThreshold: nil, theme: theme).compose(layers)
        }
        var panels = [SideBySidePane.Panel(captions: ["image"], picture: picture(.image))]
        if layers.heat != nil {
            panels.append(SideBySidePane.Panel(captions: ["heatmap"], picture: picture(.heatmap)))
        } else {
            // Score-only detectors (DifferNet, Deep SVDD on pixels) have no map at all.
            let why = !hasModel ? "no model yet" : (isScored ? "no map" : "not scored yet")
            panels.append(SideBySidePane.Panel(captions: ["heatmap: \(why)", why], picture: nil))
        }
        if hasMask {
            let mask = layers.truthMask.map { SideBySidePane.maskPicture($0, width: layers.width, height: layers.height) }
            panels.append(SideBySidePane.Panel(captions: mask == nil ? ["ground truth: unreadable", "unreadable"]
                                                                      : ["ground truth", "truth"], picture: mask))
        }
        return panels
    }
}
