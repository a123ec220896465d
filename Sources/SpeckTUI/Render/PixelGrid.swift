/// A small RGB picture at exactly the resolution drawn on screen
/// (one column per cell, two rows per cell).
public struct PixelGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [RGB]

    public init(width: Int, height: Int, fill: RGB = .black) {
        self.width = width
        self.height = height
        pixels = Array(repeating: fill, count: width * height)
    }

    public subscript(x: Int, y: Int) -> RGB {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}
