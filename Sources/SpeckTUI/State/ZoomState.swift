/// The full-screen image view. It outlives the image on screen on purpose:
/// moving to the next image keeps the level and the spot, so a series can be
/// compared at the same place.
public struct ZoomState: Sendable, Equatable {
    public var isOn = false
    public var level: ZoomLevel = .fit
    /// The spot looked at, as a fraction of the image's width and height
    /// (the same spot on images of the same size).
    public var centreX = 0.5
    public var centreY = 0.5
    /// Which region `r` showed last, and on which image (a new image starts over).
    public var regionIndex: Int?
    public var regionEntryId: Int?

    public init() {}

    public mutating func centre(onX x: Double, y: Double) {
        centreX = min(1, max(0, x))
        centreY = min(1, max(0, y))
    }
}
