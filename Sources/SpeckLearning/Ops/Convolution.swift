import SpeckTensor

/// 2D convolution of x [N, C, H, W] with weight [O, C, k, k] and an optional
/// bias [O]: square kernels, symmetric zero padding, stride and dilation.
public func conv2d(_ x: Variable, weight: Variable, bias: Variable? = nil,
                   stride: Int = 1, padding: Int = 0, dilation: Int = 1) -> Variable {
    precondition(x.shape.count == 4 && weight.shape.count == 4 && weight.shape[1] == x.shape[1]
                 && weight.shape[2] == weight.shape[3], "conv2d of \(x.shape) with weight \(weight.shape)")
    let g = ConvolutionGeometry(channels: x.shape[1], height: x.shape[2], width: x.shape[3], kernel: weight.shape[2],
                                stride: stride, padding: padding, dilation: dilation)
    let y = Variable(ConvolutionKernels.convolve(x.value, weight.value, g), inputs: [x, weight]) { dy in
        let (dx, dw) = ConvolutionKernels.convolveBackward(dy, x.value, weight.value, g,
                                                           input: x.needsGradient, weights: weight.needsGradient)
        return [dx, dw]
    }
    return bias.map { y + $0.reshaped([1, $0.count, 1, 1]) } ?? y
}

/// Transposed convolution (the adjoint of `conv2d`, "deconvolution") of
/// x [N, Cin, H, W] with weight [Cin, Cout, k, k] as PyTorch's ConvTranspose2d:
/// out = (H - 1)·stride - 2·padding + dilation·(k - 1) + outputPadding + 1.
public func convTranspose2d(_ x: Variable, weight: Variable, bias: Variable? = nil, stride: Int = 1,
                            padding: Int = 0, outputPadding: Int = 0, dilation: Int = 1) -> Variable {
    precondition(x.shape.count == 4 && weight.shape.count == 4 && weight.shape[0] == x.shape[1]
                 && weight.shape[2] == weight.shape[3], "convTranspose2d of \(x.shape) with weight \(weight.shape)")
    let k = weight.shape[2]
    let outH = (x.shape[2] - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1
    let outW = (x.shape[3] - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1
    let g = ConvolutionGeometry(channels: weight.shape[1], height: outH, width: outW, kernel: k,
                                stride: stride, padding: padding, dilation: dilation)
    precondition(g.outHeight == x.shape[2] && g.outWidth == x.shape[3], "transposed convolution geometry does not invert")
    let y = Variable(ConvolutionKernels.transposedConvolve(x.value, weight.value, g), inputs: [x, weight]) { dy in
        let (dx, dw) = ConvolutionKernels.transposedConvolveBackward(dy, x.value, weight.value, g,
                                                                     input: x.needsGradient, weights: weight.needsGradient)
        return [dx, dw]
    }
    return bias.map { y + $0.reshaped([1, $0.count, 1, 1]) } ?? y
}

/// Depthwise convolution (groups = channels) of x [N, C, H, W] with weight
/// [C, 1, k, k] and an optional bias [C]: each channel with its own filter.
public func depthwiseConv2d(_ x: Variable, weight: Variable, bias: Variable? = nil,
                            stride: Int = 1, padding: Int = 0, dilation: Int = 1) -> Variable {
    precondition(x.shape.count == 4 && weight.shape.count == 4 && weight.shape[0] == x.shape[1] && weight.shape[1] == 1
                 && weight.shape[2] == weight.shape[3], "depthwiseConv2d of \(x.shape) with weight \(weight.shape)")
    let g = ConvolutionGeometry(channels: x.shape[1], height: x.shape[2], width: x.shape[3], kernel: weight.shape[2],
                                stride: stride, padding: padding, dilation: dilation)
    let planes = x.shape[0] * x.shape[1]
    var out = [Float](repeating: 0, count: planes * g.positions)
    x.value.data.withUnsafeBufferPointer { xs in weight.value.data.withUnsafeBufferPointer { ws in out.withUnsafeMutableBufferPointer {
        DepthwiseKernels.convolve(xs.baseAddress!, ws.baseAddress!, planes: planes, g, into: $0.baseAddress!)
    } } }
    let y = Variable(Tensor(shape: [x.shape[0], x.shape[1], g.outHeight, g.outWidth], data: out), inputs: [x, weight]) { dy in
        var dx = [Float](repeating: 0, count: x.needsGradient ? x.count : 0)
        var dw = [Float](repeating: 0, count: weight.needsGradient ? weight.count : 0)
        dy.data.withUnsafeBufferPointer { dys in x.value.data.withUnsafeBufferPointer { xs in weight.value.data.withUnsafeBufferPointer { ws in
            dx.withUnsafeMutableBufferPointer { dxs in dw.withUnsafeMutableBufferPointer { dws in
                DepthwiseKernels.backward(dys.baseAddress!, xs.baseAddress!, ws.baseAddress!, planes: planes, g,
                                          dx: x.needsGradient ? dxs.baseAddress : nil, dw: weight.needsGradient ? dws.baseAddress : nil)
            } }
        } } }
        return [x.needsGradient ? Tensor(shape: x.shape, data: dx) : nil,
                weight.needsGradient ? Tensor(shape: weight.shape, data: dw) : nil]
    }
    return bias.map { y + $0.reshaped([1, $0.count, 1, 1]) } ?? y
}
