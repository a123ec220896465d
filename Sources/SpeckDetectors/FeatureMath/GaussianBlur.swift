import Foundation

/// The Gaussian smoothing of anomaly maps used by PatchCore, PaDiM and SPADE:
/// kernel size 2 * int(4 * sigma + 0.5) + 1, normalised to sum 1, reflect
/// padding (torch "reflect": the edge sample is not repeated). Separable.
public struct GaussianBlur: Sendable {
    public let sigma: Float
    public let kernel: [Float]

    public init(sigma: Float) {
        precondition(sigma > 0, "blur sigma must be positive")
        self.sigma = sigma
        let radius = Int(4 * sigma + 0.5)
        var k = (-radius...radius).map { x -> Float in exp(-Float(x * x) / (2 * sigma * sigma)) }
        let total = k.reduce(0, +)
        k = k.map { $0 / total }
        kernel = k
    }

    public var radius: Int { kernel.count / 2 }

    /// Blurs a row-major plane of `width` x `height`.
    public func apply(_ plane: [Float], width: Int, height: Int) -> [Float] {
        precondition(plane.count == width * height, "plane size does not match")
        let r = radius
        var tmp = [Float](repeating: 0, count: plane.count)
        var out = [Float](repeating: 0, count: plane.count)
        let xIndex = (-r..<(width + r)).map { GaussianBlur.reflect($0, size: width) }
        let yIndex = (-r..<(height + r)).map { GaussianBlur.reflect($0, size: height) }
        kernel.withUnsafeBufferPointer { k in
            plane.withUnsafeBufferPointer { src in
                tmp.withUnsafeMutableBufferPointer { t in
                    var padded = [Float](repeating: 0, count: width + 2 * r)
                    for y in 0..<height {
                        let row = src.baseAddress! + y * width
                        for i in 0..<padded.count { padded[i] = row[xIndex[i]] }
                        padded.withUnsafeBufferPointer { p in
                            for x in 0..<width {
                                var s: Float = 0
                                for j in 0..<k.count { s += k[j] * p[x + j] }
                                t[y * width + x] = s
                            }
                        }
                    }
                }
            }
            tmp.withUnsafeBufferPointer { t in
                out.withUnsafeMutableBufferPointer { o in
                    for y in 0..<height {
                        let target = o.baseAddress! + y * width
                        for j in 0..<k.count {
                            let weight = k[j]
                            let row = t.baseAddress! + yIndex[y + j] * width
                            for x in 0..<width { target[x] += weight * row[x] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Mirror index into 0..<size without repeating the edge, folding as often as needed.
    static func reflect(_ i: Int, size: Int) -> Int {
        if size == 1 { return 0 }
        let period = 2 * (size - 1)
        var m = i % period
        if m < 0 { m += period }
        return m < size ? m : period - m
    }
}
