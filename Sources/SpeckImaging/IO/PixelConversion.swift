/// Interleaved 8/16-bit samples to planar Float32 in [0, 1].
/// This runs once per decoded sample and must stay a small fraction of the decoder's
/// own time (see `speck bench decode`).
enum PixelConversion {
    /// `samples` holds `fileChannels` interleaved 8-bit values per pixel (grey, grey+alpha,
    /// RGB or RGBA); each becomes Float(u8) / 255 (an IEEE division, as torchvision's
    /// `to_tensor`). Alpha, when present, is composited over black (colour × alpha).
    /// One pass over the source, writing every plane as it goes; the loops are kept
    /// simple so that LLVM vectorises the de-interleave.
    static func planar(fromBytes samples: UnsafePointer<UInt8>, width: Int, height: Int, fileChannels: Int) -> Image {
        let n = width * height
        let outChannels = fileChannels >= 3 ? 3 : 1
        let pixels = [Float](unsafeUninitializedCapacity: n * outChannels) { buffer, initialised in
            let first = buffer.baseAddress!, second = first + n, third = first + 2 * n
            let s = samples
            switch fileChannels {
            case 1:
                for i in 0..<n { first[i] = Float(s[i]) / 255 }
            case 2:
                for i in 0..<n { first[i] = Float(s[2 &* i]) / 255 * (Float(s[2 &* i &+ 1]) / 255) }
            case 3:
                for i in 0..<n {
                    first[i] = Float(s[3 &* i]) / 255
                    second[i] = Float(s[3 &* i &+ 1]) / 255
                    third[i] = Float(s[3 &* i &+ 2]) / 255
                }
            default:
                for i in 0..<n {
                    let alpha = Float(s[4 &* i &+ 3]) / 255
                    first[i] = Float(s[4 &* i]) / 255 * alpha
                    second[i] = Float(s[4 &* i &+ 1]) / 255 * alpha
                    third[i] = Float(s[4 &* i &+ 2]) / 255 * alpha
                }
            }
            initialised = n * outChannels
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
