/// im2col and its adjoint: a batch of n images [n, C, H, W] laid out as a
/// matrix [C·k·k, n·positions] whose column j holds the receptive field of
/// output position j, so that a convolution is one matrix product.
enum Im2Col {
    static func expand(_ images: UnsafePointer<Float>, count n: Int, _ g: ConvolutionGeometry,
                       into columns: UnsafeMutablePointer<Float>) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions, rowLength = n * positions
        for c in 0..<g.channels {
            for ky in 0..<g.kernel {
                for kx in 0..<g.kernel {
                    let row = columns + ((c * g.kernel + ky) * g.kernel + kx) * rowLength
                    let dy = ky * g.dilation - g.padding, dx = kx * g.dilation - g.padding
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
                            let source = plane + iy * g.width
                            for ox in 0..<outW {
                                let ix = ox * g.stride + dx
                                line[ox] = ix >= 0 && ix < g.width ? source[ix] : 0
                            }
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
                    for image in 0..<n {
                        let plane = images + image * g.imageSize + c * g.height * g.width
                        let input = row + image * positions
                        for oy in 0..<outH {
                            let iy = oy * g.stride + dy
                            guard iy >= 0 && iy < g.height else { continue }
                            let target = plane + iy * g.width
                            let line = input + oy * outW
                            for ox in 0..<outW {
                                let ix = ox * g.stride + dx
                                if ix >= 0 && ix < g.width { target[ix] += line[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
