/// An image as planar Float32 samples in [0, 1] (or normalised values after
/// `normalised(mean:std:)`): channel 0 first, then channel 1, ... Each plane is
/// `height` rows of `width` samples. One or three channels.
public struct Image: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(width: Int, height: Int, channels: Int, fill: Float = 0) {
        self.init(width: width, height: height, channels: channels,
                  pixels: [Float](repeating: fill, count: width * height * channels))
    }

    public var planeSize: Int { width * height }

    @inlinable
    public subscript(channel: Int, y: Int, x: Int) -> Float {
        get { pixels[channel * width * height + y * width + x] }
        set { pixels[channel * width * height + y * width + x] = newValue }
    }
}
