/// Interleaved 8/16-bit samples to planar Float32 in [0, 1].
/// Kept in tight pointer loops: this runs once per decoded sample and must stay
/// a small fraction of the decoder's own time (see `speck bench decode`).
enum PixelConversion {
    /// u8 / 255 in Float32, exactly what `Float(u8) / 255` gives.
    static let unitFromByte: [Float] = (0..<256).map { Float($0) / 255 }

    /// `samples` holds `fileChannels` interleaved 8-bit values per pixel (grey, grey+alpha,
    /// RGB or RGBA). Alpha, when present, is composited over black (colour × alpha).
    static func planar(fromBytes samples: UnsafePointer<UInt8>, width: Int, height: Int, fileChannels: Int) -> Image {
        let pixelCount = width * height
        let outChannels = fileChannels >= 3 ? 3 : 1
        let alphaOffset = fileChannels == 2 || fileChannels == 4 ? fileChannels - 1 : nil
        var pixels = [Float](repeating: 0, count: pixelCount * outChannels)
        unitFromByte.withUnsafeBufferPointer { lut in
            pixels.withUnsafeMutableBufferPointer { out in
                let lut = lut.baseAddress!
                for c in 0..<outChannels {
                    let plane = out.baseAddress! + c * pixelCount
                    let source = samples + c
                    if let alphaOffset {
                        let alpha = samples + alphaOffset
                        for i in 0..<pixelCount {
                            plane[i] = lut[Int(source[i &* fileChannels])] * lut[Int(alpha[i &* fileChannels])]
                        }
                    } else if fileChannels == 1 {
                        for i in 0..<pixelCount { plane[i] = lut[Int(source[i])] }
                    } else {
                        for i in 0..<pixelCount { plane[i] = lut[Int(source[i &* 3])] }
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: outChannels, pixels: pixels)
    }

    /// `samples` holds `fileChannels` interleaved 16-bit values per pixel. Alpha, when
    /// present, must already be multiplied into the colour (libpng's linear output does
    /// this), so it is dropped here.
    static func planar(fromWords samples: UnsafePointer<UInt16>, width: Int, height: Int, fileChannels: Int) -> Image {
        let pixelCount = width * height
        let outChannels = fileChannels >= 3 ? 3 : 1
        var pixels = [Float](repeating: 0, count: pixelCount * outChannels)
        pixels.withUnsafeMutableBufferPointer { out in
            for c in 0..<outChannels {
                let plane = out.baseAddress! + c * pixelCount
                let source = samples + c
                for i in 0..<pixelCount { plane[i] = Float(source[i &* fileChannels]) / 65535 }
            }
        }
        return Image(width: width, height: height, channels: outChannels, pixels: pixels)
    }

    /// Planar [0, 1] floats to interleaved 8-bit samples, clamped and rounded.
    static func interleavedBytes(_ image: Image) -> [UInt8] {
        let pixelCount = image.planeSize
        var bytes = [UInt8](repeating: 0, count: pixelCount * image.channels)
        image.pixels.withUnsafeBufferPointer { planes in
            for c in 0..<image.channels {
                for i in 0..<pixelCount {
                    let value = min(max(planes[c * pixelCount + i], 0), 1)
                    bytes[i * image.channels + c] = UInt8((value * 255).rounded())
                }
            }
        }
        return bytes
    }
}
