extension PixelGrid {
    /// The pixels as interleaved 8-bit RGB, row by row (kitty's f=24 layout).
    var rgbBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixels.count * 3) { out, initialised in
            for (i, pixel) in pixels.enumerated() {
                out[3 * i] = pixel.r
                out[3 * i + 1] = pixel.g
                out[3 * i + 2] = pixel.b
            }
            initialised = pixels.count * 3
        }
    }
}
