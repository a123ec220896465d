/// How a window op pads its input: PyTorch's fixed symmetric padding or
/// TensorFlow's "SAME" rule (the extra pixel, if any, goes bottom/right).
public enum Padding: Sendable, Equatable {
    case symmetric(Int)
    case tfSame

    /// The window geometry for an input of `height` x `width`.
    public func geometry(kernel: Int, stride: Int, height: Int, width: Int) -> WindowGeometry {
        switch self {
        case .symmetric(let pad):
            return WindowGeometry(kernel: kernel, stride: stride, padTop: pad, padLeft: pad,
                                  outHeight: (height + 2 * pad - kernel) / stride + 1,
                                  outWidth: (width + 2 * pad - kernel) / stride + 1)
        case .tfSame:
            let (outH, top) = Padding.same(size: height, kernel: kernel, stride: stride)
            let (outW, left) = Padding.same(size: width, kernel: kernel, stride: stride)
            return WindowGeometry(kernel: kernel, stride: stride, padTop: top, padLeft: left,
                                  outHeight: outH, outWidth: outW)
        }
    }

    private static func same(size: Int, kernel: Int, stride: Int) -> (output: Int, before: Int) {
        let output = (size + stride - 1) / stride
        let total = max((output - 1) * stride + kernel - size, 0)
        return (output, total / 2)
    }
}
