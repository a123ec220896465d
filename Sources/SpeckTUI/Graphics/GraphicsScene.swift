/// The pictures one frame wants on screen: where they go, and how to make
/// their device pixels (only called when `key` differs from what was asked
/// for last, and off the UI thread).
struct GraphicsScene: @unchecked Sendable {  // the key is only compared on the UI thread
    /// Everything the pictures depend on; equal keys mean equal pictures.
    var key: AnyHashable
    var boxes: [Rect]
    /// One picture per box, each at its box's device-pixel size.
    var pictures: @Sendable () -> [PixelGrid]
}
