/// Every numeric kernel Speck's networks run, in one list (ggml-style):
///
/// | op | file |
/// |---|---|
/// | `pointwiseConvolution` (1x1 conv = one sgemm) | PointwiseConvolution.swift |
/// | `convolution` (kxk conv via im2col + sgemm) | Convolution.swift |
/// | `depthwiseConvolution` (kxk, one filter per channel) | DepthwiseConvolution.swift |
/// | `applyBiasActivation` (bias, residual add, ReLU/ReLU6) | BiasActivation.swift |
/// | `maxPool`, `globalAveragePool` | Pooling.swift |
/// | `linear` (fully connected) | Linear.swift |
/// | `hwcToCHW`, `chwToHWC` | Layout.swift |
///
/// Activations inside a network are kept channels-last (HWC, pixel-major):
/// a 1x1 convolution is then a plain matrix product and a depthwise
/// convolution vectorises over contiguous channels. Kernels work on raw
/// pointers into buffers that the caller owns and reuses, so a forward pass
/// allocates nothing per layer.
public enum Ops {}

/// The nonlinearity fused into a kernel's output.
public enum Activation: Sendable, Equatable {
    case none
    case relu
    case relu6
}

/// Spatial size of a channels-last activation.
public struct FeatureShape: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    public var pixels: Int { height * width }
    public var elements: Int { height * width * channels }
}

/// Zero padding of a 2-D window op, in pixels before (top/left); the padding
/// after follows from the output size.
public struct WindowGeometry: Sendable, Equatable {
    public var kernel: Int
    public var stride: Int
    public var padTop: Int
    public var padLeft: Int
    public var outHeight: Int
    public var outWidth: Int

    public init(kernel: Int, stride: Int, padTop: Int, padLeft: Int, outHeight: Int, outWidth: Int) {
        self.kernel = kernel
        self.stride = stride
        self.padTop = padTop
        self.padLeft = padLeft
        self.outHeight = outHeight
        self.outWidth = outWidth
    }
}
