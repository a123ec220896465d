/// Identifies one prepared picture: which image, at which pane size, with
/// which model's map. Used as the render cache key.
struct PaneRequest: Hashable, Sendable {
    var entryId: Int
    var columns: Int
    var rows: Int
    /// Bumped whenever the model (and so the maps) changes.
    var modelGeneration: Int
    /// The whole image at its own size (the zoomed view crops from it), not fitted to the pane.
    var fullResolution = false
    /// Set when the picture is sent as real pixels: prepared at the pane's
    /// device-pixel size (cells x cell pixels) instead of half-block pixels.
    var cellPixels: CellPixelSize? = nil

    /// Large pictures (whole images, device pixels) are cached only a few at a time.
    var isLarge: Bool { fullResolution || cellPixels != nil }
}
