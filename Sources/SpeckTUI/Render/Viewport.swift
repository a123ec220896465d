/// Which part of an image the zoomed pane shows: a window in image pixels
/// drawn at `scale` half-block pixels per image pixel, as close to the wanted
/// centre as the image edges allow.
public struct Viewport: Sendable, Equatable {
    public let imageWidth: Int
    public let imageHeight: Int
    public let scale: Int
    /// The window, in image pixels.
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int

    /// `columns` x `rows` cells hold `columns` x `2 * rows` half-block pixels.
    public init(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int, scale: Int, centreX: Double, centreY: Double) {
        self.imageWidth = max(1, imageWidth)
        self.imageHeight = max(1, imageHeight)
        self.scale = max(1, scale)
        width = max(1, min(self.imageWidth, columns / self.scale))
        height = max(1, min(self.imageHeight, 2 * rows / self.scale))
        x = Self.start(centre: centreX * Double(self.imageWidth), length: width, limit: self.imageWidth)
        y = Self.start(centre: centreY * Double(self.imageHeight), length: height, limit: self.imageHeight)
    }

    static func start(centre: Double, length: Int, limit: Int) -> Int {
        let wanted = Int((centre - Double(length) / 2).rounded())
        return min(max(0, wanted), limit - length)
    }

    /// Size of the drawn picture in half-block pixels; the height is even so no half cell is left.
    public var outputWidth: Int { width * scale }
    public var outputHeight: Int { height * scale - (height * scale) % 2 }

    /// The centre actually shown, as a fraction of the image (pans start from here, not from beyond an edge).
    public var centreFractionX: Double { (Double(x) + Double(width) / 2) / Double(imageWidth) }
    public var centreFractionY: Double { (Double(y) + Double(height) / 2) / Double(imageHeight) }

    /// The image pixel under a half-block pixel of the picture.
    public func sourcePixel(outputX: Int, outputY: Int) -> (x: Int, y: Int) {
        (x + min(width - 1, outputX / scale), y + min(height - 1, outputY / scale))
    }

    /// "x 100..217 y 40..115": the window in inclusive image-pixel ranges.
    public var caption: String { "x \(x)..\(x + width - 1) y \(y)..\(y + height - 1)" }
}
