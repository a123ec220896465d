import SpeckTensor

/// A convolution with BatchNorm folded in and its activation fused, in the
/// weight layout its kernel wants: dense kernels as [k*k*in, out] (one sgemm),
/// depthwise kernels as [k*k, C] (vectorised over channels).
struct ConvLayer: Sendable {
    let inChannels: Int
    let outChannels: Int
    let kernel: Int
    let stride: Int
    let padding: Padding
    let depthwise: Bool
    let activation: Activation
    let weights: FloatBuffer
    let bias: FloatBuffer

    /// `torchWeight` is PyTorch's [O, I, k, k]; each output channel o is scaled by `scale[o]`.
    init(torchWeight: Tensor, scale: [Float], bias: [Float], stride: Int, padding: Padding,
         depthwise: Bool, activation: Activation) {
        let (o, i, k) = (torchWeight.shape[0], torchWeight.shape[1], torchWeight.shape[2])
        self.inChannels = depthwise ? o : i
        self.outChannels = o
        self.kernel = k
        self.stride = stride
        self.padding = padding
        self.depthwise = depthwise
        self.activation = activation
        self.bias = FloatBuffer(bias)
        let w = FloatBuffer(count: o * i * k * k)
        let src = torchWeight.data
        for out in 0..<o {
            for inp in 0..<i {
                for ky in 0..<k {
                    for kx in 0..<k {
                        let value = src[((out * i + inp) * k + ky) * k + kx] * scale[out]
                        let index = depthwise ? (ky * k + kx) * o + out : ((ky * k + kx) * i + inp) * o + out
                        w.pointer[index] = value
                    }
                }
            }
        }
        self.weights = w
    }

    func geometry(_ input: FeatureShape) -> WindowGeometry {
        padding.geometry(kernel: kernel, stride: stride, height: input.height, width: input.width)
    }

    func outputShape(_ input: FeatureShape) -> FeatureShape {
        let g = geometry(input)
        return FeatureShape(height: g.outHeight, width: g.outWidth, channels: outChannels)
    }

    func columnElements(_ input: FeatureShape) -> Int {
        depthwise ? 0 : Ops.im2colElements(shape: input, geometry: geometry(input))
    }

    @discardableResult
    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             columns: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>? = nil) -> FeatureShape {
        precondition(shape.channels == inChannels, "conv expects \(inChannels) channels, got \(shape.channels)")
        let g = geometry(shape)
        if depthwise {
            precondition(residual == nil)
            Ops.depthwiseConvolution(input: input, shape: shape, geometry: g, weights: weights.pointer,
                                     bias: bias.pointer, activation: activation, output: output)
        } else {
            Ops.convolution(input: input, shape: shape, geometry: g, weights: weights.pointer, bias: bias.pointer,
                            outChannels: outChannels, activation: activation, residual: residual,
                            columns: columns, output: output)
        }
        return FeatureShape(height: g.outHeight, width: g.outWidth, channels: outChannels)
    }

    /// A depthwise convolution over part of a map: `geometry` says which output
    /// rows (`outHeight`) and where the window starts (`padTop` may reach into the rows above).
    func runDepthwise(_ input: UnsafePointer<Float>, _ shape: FeatureShape, geometry: WindowGeometry,
                      output: UnsafeMutablePointer<Float>) {
        precondition(depthwise && shape.channels == inChannels)
        Ops.depthwiseConvolution(input: input, shape: shape, geometry: geometry, weights: weights.pointer,
                                 bias: bias.pointer, activation: activation, output: output)
    }
}
