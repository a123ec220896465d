/// im2col and its adjoint: a batch of n images [n, C, H, W] laid out as a
/// matrix [C·k·k, n·positions] whose column j holds the receptive field of
/// output position j, so that a convolution is one matrix product.
enum Im2Col {
    /// The output columns `ox` whose input column ox·stride + offset lies in 0..<width:
    /// the rest of a row reads padding. Splitting rows this way keeps the
    /// inner loops free of bounds tests (a plain copy when stride is 1).
    @inline(__always)
    static func inside(offset: Int, stride: Int, width: Int, outWidth: Int) -> Range<Int> {
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = width - 1 - offset < 0 ? 0 : (width - 1 - offset) / stride + 1
        return min(first, outWidth)..<max(min(first, outWidth), min(last, outWidth))
    }

    static func expand(_ images: UnsafePointer<Float>, count n: Int, _ g: ConvolutionGeometry,
                       into columns: UnsafeMutablePointer<Float>) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions, rowLength = n * positions
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    let row = columns + ((c * g.kernel + ky) * g.kernel + kx) * rowLength
                    let dy = ky * g.dilation - g.padding, dx = kx * g.dilation - g.padding
                    let valid = inside(offset: dx, stride: g.stride, width: g.width, outWidth: outW)
                    for image in 0..<n {
                        let plane = images + image * g.imageSize + c * g.height * g.width
                        let out = row + image * positions
                        for oy in 0..<outH {
                            let iy = oy * g.stride + dy
                            let line = out + oy * outW
                            guard iy >= 0 && iy < g.height else {
                                line.update(repeating: 0, count: outW)
                                continue
                            }
                            let source = plane + iy * g.width + dx
                            line.update(repeating: 0, count: valid.lowerBound)
                            if g.stride == 1 {
                                (line + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
                            } else {
                                for ox in valid { line[ox] = source[ox * g.stride] }
                            }
                            (line + valid.upperBound).update(repeating: 0, count: outW - valid.upperBound)
                        }
                    }
                }
            }
        }
    }

    /// Adds every column entry back to the pixel it came from (the transpose of `expand`).
    static func fold(_ columns: UnsafePointer<Float>, count n: Int, _ g: ConvolutionGeometry,
                     into images: UnsafeMutablePointer<Float>) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions, rowLength = n * positions
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    let row = columns + ((c * g.kernel + ky) * g.kernel + kx) * rowLength
                    let dy = ky * g.dilation - g.padding, dx = kx * g.dilation - g.padding
                    let valid = inside(offset: dx, stride: g.stride, width: g.width, outWidth: outW)
                    for image in 0..<n {
                        let plane = images + image * g.imageSize + c * g.height * g.width
                        let input = row + image * positions
                        for oy in 0..<outH {
                            let iy = oy * g.stride + dy
                            guard iy >= 0 && iy < g.height else { continue }
                            let target = plane + iy * g.width + dx
                            let line = input + oy * outW
                            if g.stride == 1 {
                                for ox in valid { target[ox] += line[ox] }
                            } else {
                                for ox in valid { target[ox * g.stride] += line[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
