extension Image {
    /// Bilinear resize (align_corners=False). When shrinking, the triangle filter is widened
    /// by the scale factor (antialiasing), as torch's `interpolate(mode='bilinear',
    /// antialias=True)` and PIL do; the result is bit-compatible with torch on x86-64.
    /// The width is resampled first, then the height; an axis whose size does not change
    /// is left untouched.
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resize to an empty image")
        var result = self
        if newWidth != width { result = result.resampledHorizontally(ResampleAxis(inputSize: width, outputSize: newWidth)) }
        if newHeight != height { result = result.resampledVertically(ResampleAxis(inputSize: height, outputSize: newHeight)) }
        return result
    }

    /// Scales so that the shorter side becomes `side`, keeping the aspect ratio with
    /// torchvision's `Resize(side)` rule: long side = Int(side * long / short), truncated.
    public func resizedShorterSide(to side: Int) -> Image {
        if width == height { return resized(width: side, height: side) }
        let short = min(width, height), long = max(width, height)
        let newLong = Int(Double(side * long) / Double(short))
        return width < height ? resized(width: side, height: newLong) : resized(width: newLong, height: side)
    }

    private func resampledHorizontally(_ axis: ResampleAxis) -> Image {
        let outWidth = axis.firstIndex.count
        var out = [Float](repeating: 0, count: channels * height * outWidth)
        pixels.withUnsafeBufferPointer { source in
            axis.weights.withUnsafeBufferPointer { weights in
                out.withUnsafeMutableBufferPointer { destination in
                    for row in 0..<(channels * height) {
                        let input = source.baseAddress! + row * width
                        let output = destination.baseAddress! + row * outWidth
                        for x in 0..<outWidth {
                            let taps = weights.baseAddress! + x * axis.maxTaps
                            let first = axis.firstIndex[x]
                            var accumulator = input[first] * taps[0]
                            for j in 1..<max(axis.tapCount[x], 1) {
                                accumulator = accumulator.addingProduct(input[first + j], taps[j])
                            }
                            output[x] = accumulator
                        }
                    }
                }
            }
        }
        return Image(width: outWidth, height: height, channels: channels, pixels: out)
    }

    private func resampledVertically(_ axis: ResampleAxis) -> Image {
        let outHeight = axis.firstIndex.count
        var out = [Float](repeating: 0, count: channels * outHeight * width)
        pixels.withUnsafeBufferPointer { source in
            axis.weights.withUnsafeBufferPointer { weights in
                out.withUnsafeMutableBufferPointer { destination in
                    for c in 0..<channels {
                        let plane = source.baseAddress! + c * height * width
                        for y in 0..<outHeight {
                            let taps = weights.baseAddress! + y * axis.maxTaps
                            let first = axis.firstIndex[y]
                            let output = destination.baseAddress! + (c * outHeight + y) * width
                            let firstRow = plane + first * width
                            for x in 0..<width { output[x] = firstRow[x] * taps[0] }
                            for j in 1..<max(axis.tapCount[y], 1) {
                                let inputRow = plane + (first + j) * width
                                let weight = taps[j]
                                for x in 0..<width { output[x] = output[x].addingProduct(inputRow[x], weight) }
                            }
                        }
                    }
                }
            }
        }
        return Image(width: width, height: outHeight, channels: channels, pixels: out)
    }
}
