/// What a file's header says about the image, read without decoding pixels.
public struct ImageHeader: Sendable, Equatable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    /// Channels of the decoded `Image`: 1 (grey) or 3 (RGB).
    public let channels: Int

    public var pixelCount: Int { width * height }
}
