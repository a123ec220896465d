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

    /// Walks every line of the column matrix (one kernel offset, one image, one
    /// output row): `body(line, pixel, valid)` gets the line's start in the
    /// column matrix, the start of the image row it reads shifted by the kernel's
    /// column offset (nil when that row lies in the padding), and the output
    /// columns that read inside the image. `expand` and `fold` differ only in
    /// what they do with such a line.
    @inline(__always)
    static func forEachLine(count n: Int, _ g: ConvolutionGeometry, _ body: (_ line: Int, _ pixel: Int?, _ valid: Range<Int>) -> Void) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions, rowLength = n * positions
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    let row = ((c * g.kernel + ky) * g.kernel + kx) * rowLength
                    let dy = ky * g.dilation - g.padding, dx = kx * g.dilation - g.padding
                    let valid = inside(offset: dx, stride: g.stride, width: g.width, outWidth: outW)
                    for image in 0..<n {
                        let plane = image * g.imageSize + c * g.height * g.width
                        for oy in 0..<outH {
                            let iy = oy * g.stride + dy
                            let inImage = iy >= 0 && iy < g.height
                            body(row + image * positions + oy * outW, inImage ? plane + iy * g.width + dx : nil, valid)
                        }
                    }
                }
            }
        }
    }

    static func expand(_ images: UnsafePointer<Float>, count n: Int, _ g: ConvolutionGeometry,
                       into columns: UnsafeMutablePointer<Float>) {
        let outW = g.outWidth, stride = g.stride
        forEachLine(count: n, g) { lineStart, pixel, valid in
            let line = columns + lineStart
            guard let pixel else {
                line.update(repeating: 0, count: outW)
                return
            }
            let source = images + pixel
            line.update(repeating: 0, count: valid.lowerBound)
            if stride == 1 {
                (line + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
            } else {
                for ox in valid { line[ox] = source[ox * stride] }
            }
            (line + valid.upperBound).update(repeating: 0, count: outW - valid.upperBound)
        }
    }

    /// Adds every column entry back to the pixel it came from (the transpose of `expand`).
    static func fold(_ columns: UnsafePointer<Float>, count n: Int, _ g: ConvolutionGeometry,
                     into images: UnsafeMutablePointer<Float>) {
        let stride = g.stride
        forEachLine(count: n, g) { lineStart, pixel, valid in
            guard let pixel else { return }
            let line = columns + lineStart, target = images + pixel
            if stride == 1 {
                for ox in valid { target[ox] += line[ox] }
            } else {
                for ox in valid { target[ox * stride] += line[ox] }
            }
        }
    }
}
