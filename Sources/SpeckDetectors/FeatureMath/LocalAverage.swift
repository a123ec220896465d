import SpeckTensor

/// PatchCore's local neighbourhood aggregation: a 3x3 average over each
/// channel with stride 1 and zero padding 1, dividing by 9 everywhere
/// (torch AvgPool2d's default count_include_pad = True), so border positions
/// are pulled towards zero exactly as in the reference.
public enum LocalAverage {
    public static func pool3x3(_ map: Tensor) -> Tensor {
        precondition(map.shape.count == 3, "expected a [C, H, W] feature map")
        let (c, h, w) = (map.shape[0], map.shape[1], map.shape[2])
        var out = [Float](repeating: 0, count: map.count)
        map.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for ch in 0..<c {
                    let plane = src.baseAddress! + ch * h * w
                    let target = dst.baseAddress! + ch * h * w
                    for y in 0..<h {
                        for x in 0..<w {
                            var sum: Float = 0
                            for dy in -1...1 where y + dy >= 0 && y + dy < h {
                                let row = plane + (y + dy) * w
                                for dx in -1...1 where x + dx >= 0 && x + dx < w {
                                    sum += row[x + dx]
                                }
                            }
                            target[y * w + x] = sum / 9
                        }
                    }
                }
            }
        }
        return Tensor(shape: map.shape, data: out)
    }
}
