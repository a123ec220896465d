/// Everything the device-pixel pictures of a frame depend on: when it is
/// the same as last frame's, nothing is composed, encoded or sent.
struct PictureKey: Hashable {
    var request: PaneRequest
    /// The render cache's generation (a new calibration changes the layers of the same request).
    var layersGeneration: Int
    var mode: ViewMode
    var opacity: Float
    var pixelThreshold: Float?
    var themeName: String
    /// The zoomed window (x, y, width, height, scale); empty when fitted.
    var window: [Int]
    var hasModel: Bool
    var isScored: Bool
    var boxes: [Rect]
}
