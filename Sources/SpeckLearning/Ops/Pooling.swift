import SpeckTensor

extension Variable {
    /// Max pooling of [N, C, H, W] over k x k windows (stride defaults to k).
    /// The gradient goes to each window's maximum only.
    public func maxPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) -> Variable {
        let (g, planes) = poolingGeometry(kernel: kernel, stride: stride, padding: padding)
        precondition(padding <= kernel / 2, "max pooling: padding \(padding) over half the kernel \(kernel)")
        let (values, argmax) = value.data.withUnsafeBufferPointer { PoolingKernels.maximum($0.baseAddress!, planes: planes, g) }
        let outShape = [shape[0], shape[1], g.outHeight, g.outWidth]
        return Variable(Tensor(shape: outShape, data: values), inputs: [self]) { [shape] dy in
            var dx = [Float](repeating: 0, count: shape.reduce(1, *))
            for (o, i) in argmax.enumerated() { dx[i] += dy.data[o] }
            return [Tensor(shape: shape, data: dx)]
        }
    }

    /// Average pooling of [N, C, H, W] over k x k windows (stride defaults to k),
    /// dividing by k² even where the window overlaps the padding.
    public func avgPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) -> Variable {
        let (g, planes) = poolingGeometry(kernel: kernel, stride: stride, padding: padding)
        let values = value.data.withUnsafeBufferPointer { PoolingKernels.average($0.baseAddress!, planes: planes, g) }
        let outShape = [shape[0], shape[1], g.outHeight, g.outWidth]
        return Variable(Tensor(shape: outShape, data: values), inputs: [self]) { [shape] dy in
            var dx = [Float](repeating: 0, count: shape.reduce(1, *))
            dy.data.withUnsafeBufferPointer { dy in dx.withUnsafeMutableBufferPointer { dx in
                PoolingKernels.averageBackward(dy.baseAddress!, planes: planes, g, into: dx.baseAddress!)
            } }
            return [Tensor(shape: shape, data: dx)]
        }
    }

    /// Pooling windows as a convolution geometry over single planes (N·C of them).
    private func poolingGeometry(kernel: Int, stride: Int?, padding: Int) -> (ConvolutionGeometry, planes: Int) {
        precondition(shape.count == 4, "pooling needs [N, C, H, W], not \(shape)")
        let g = ConvolutionGeometry(channels: 1, height: shape[2], width: shape[3], kernel: kernel,
                                    stride: stride ?? kernel, padding: padding)
        precondition(g.outHeight > 0 && g.outWidth > 0, "pooling window \(kernel) larger than \(shape)")
        return (g, shape[0] * shape[1])
    }
}
