import SpeckTensor

/// Resizing of feature maps and anomaly maps with torch.nn.functional.interpolate
/// semantics (no antialiasing): bilinear with align_corners = False, or nearest.
public enum PlaneResize {
    public enum Mode: String, Sendable, Codable { case bilinear, nearest }

    /// Resizes every channel of a [C, H, W] tensor to `height` x `width`.
    public static func resize(_ map: Tensor, height: Int, width: Int, mode: Mode) -> Tensor {
        precondition(map.shape.count == 3, "expected a [C, H, W] feature map")
        let (c, h, w) = (map.shape[0], map.shape[1], map.shape[2])
        if h == height && w == width { return map }
        var out = [Float](repeating: 0, count: c * height * width)
        map.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for ch in 0..<c {
                    resizePlane(src.baseAddress! + ch * h * w, height: h, width: w,
                                into: dst.baseAddress! + ch * height * width,
                                height: height, width: width, mode: mode)
                }
            }
        }
        return Tensor(shape: [c, height, width], data: out)
    }

    /// Grids of several feature levels brought to one `side`×`side` plane
    /// (bilinear) and added in order: the multi-level maps of CFLOW-AD and FastFlow.
    public static func sumOfUpsampled(_ grids: [(values: [Float], height: Int, width: Int)], side: Int) -> [Float] {
        var sum = [Float](repeating: 0, count: side * side)
        for grid in grids {
            let up = resizePlane(grid.values, height: grid.height, width: grid.width, toHeight: side, toWidth: side, mode: .bilinear)
            for i in sum.indices { sum[i] += up[i] }
        }
        return sum
    }

    /// Resizes one row-major plane.
    public static func resizePlane(_ values: [Float], height: Int, width: Int,
                                   toHeight: Int, toWidth: Int, mode: Mode) -> [Float] {
        if height == toHeight && width == toWidth { return values }
        var out = [Float](repeating: 0, count: toHeight * toWidth)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                resizePlane(src.baseAddress!, height: height, width: width,
                            into: dst.baseAddress!, height: toHeight, width: toWidth, mode: mode)
            }
        }
        return out
    }

    static func resizePlane(_ src: UnsafePointer<Float>, height h: Int, width w: Int,
                            into dst: UnsafeMutablePointer<Float>, height oh: Int, width ow: Int, mode: Mode) {
        switch mode {
        case .nearest:
            let xs = (0..<ow).map { nearestSource($0, from: w, to: ow) }
            for y in 0..<oh {
                let row = src + nearestSource(y, from: h, to: oh) * w
                for x in 0..<ow { dst[y * ow + x] = row[xs[x]] }
            }
        case .bilinear:
            let xs = (0..<ow).map { bilinearSource($0, from: w, to: ow) }
            for y in 0..<oh {
                let (y0, y1, fy) = bilinearSource(y, from: h, to: oh)
                let r0 = src + y0 * w, r1 = src + y1 * w
                for x in 0..<ow {
                    let (x0, x1, fx) = xs[x]
                    let top = r0[x0] + (r0[x1] - r0[x0]) * fx
                    let bottom = r1[x0] + (r1[x1] - r1[x0]) * fx
                    dst[y * ow + x] = top + (bottom - top) * fy
                }
            }
        }
    }

    /// torch: src = max((dst + 0.5) * in / out - 0.5, 0); neighbours floor(src) and the next one.
    @inline(__always)
    static func bilinearSource(_ i: Int, from size: Int, to outSize: Int) -> (Int, Int, Float) {
        let scale = Float(size) / Float(outSize)
        let s = max((Float(i) + 0.5) * scale - 0.5, 0)
        let i0 = min(Int(s), size - 1)
        let i1 = min(i0 + 1, size - 1)
        return (i0, i1, s - Float(i0))
    }

    /// torch 'nearest': floor(dst * in / out).
    @inline(__always)
    static func nearestSource(_ i: Int, from size: Int, to outSize: Int) -> Int {
        min(Int(Float(i) * (Float(size) / Float(outSize))), size - 1)
    }
}
