/// The shape arithmetic of a 2D convolution over [C, H, W] images with a
/// square kernel (PyTorch's conventions: symmetric zero padding, dilation).
public struct ConvolutionGeometry: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let dilation: Int

    public init(channels: Int, height: Int, width: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) {
        precondition(kernel > 0 && stride > 0 && dilation > 0 && padding >= 0, "bad convolution geometry")
        self.channels = channels
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    public var outHeight: Int { (height + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1 }
    public var outWidth: Int { (width + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1 }
    /// Values in one receptive field: rows of the im2col matrix.
    public var patchSize: Int { channels * kernel * kernel }
    /// Output positions per image: columns of the im2col matrix per image.
    public var positions: Int { outHeight * outWidth }
    public var imageSize: Int { channels * height * width }
}
