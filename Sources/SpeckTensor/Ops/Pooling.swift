extension Ops {
    /// Max pooling on a channels-last buffer; padded cells never win.
    public static func maxPool(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                               output: UnsafeMutablePointer<Float>) {
        let channels = shape.channels
        for oy in 0..<g.outHeight {
            let iy0 = oy * g.stride - g.padTop
            let kyLo = max(0, -iy0), kyHi = min(g.kernel, shape.height - iy0)
            for ox in 0..<g.outWidth {
                let ix0 = ox * g.stride - g.padLeft
                let kxLo = max(0, -ix0), kxHi = min(g.kernel, shape.width - ix0)
                let dst = output + (oy * g.outWidth + ox) * channels
                dst.update(repeating: -.infinity, count: channels)
                for ky in kyLo..<kyHi {
                    for kx in kxLo..<kxHi {
                        let src = input + ((iy0 + ky) * shape.width + ix0 + kx) * channels
                        for c in 0..<channels { dst[c] = max(dst[c], src[c]) }
                    }
                }
            }
        }
    }

    /// Mean over all pixels of a channels-last buffer: `output[c]`.
    public static func globalAveragePool(input: UnsafePointer<Float>, shape: FeatureShape,
                                         output: UnsafeMutablePointer<Float>) {
        let channels = shape.channels
        output.update(repeating: 0, count: channels)
        for p in 0..<shape.pixels {
            let src = input + p * channels
            for c in 0..<channels { output[c] += src[c] }
        }
        let scale = 1 / Float(shape.pixels)
        for c in 0..<channels { output[c] *= scale }
    }
}
