import SpeckTensor

/// Turns a backbone's tap outputs into one patch-feature matrix on the grid of
/// the first (finest) tap: each map optionally 3x3-averaged, resized to that
/// grid, and the channels concatenated in tap order.
public struct PatchEmbedding: Sendable, Equatable {
    /// Apply the 3x3 local neighbourhood average to every tap first (PatchCore).
    public var localAverage: Bool
    /// How coarser taps are brought to the finest grid.
    public var upsampling: PlaneResize.Mode

    public init(localAverage: Bool, upsampling: PlaneResize.Mode) {
        self.localAverage = localAverage
        self.upsampling = upsampling
    }

    /// A patch matrix with the grid it lies on.
    public struct Grid: Sendable, Equatable {
        public var patches: PatchMatrix
        public var height: Int
        public var width: Int
    }

    public func combine(_ maps: [Tensor]) -> Grid {
        precondition(!maps.isEmpty && maps.allSatisfy { $0.shape.count == 3 }, "expected [C, H, W] tap outputs")
        let height = maps[0].shape[1], width = maps[0].shape[2]
        let positions = height * width
        let dim = maps.reduce(0) { $0 + $1.shape[0] }
        var out = [Float](repeating: 0, count: positions * dim)
        var column = 0
        out.withUnsafeMutableBufferPointer { dst in
            for map in maps {
                var m = localAverage ? LocalAverage.pool3x3(map) : map
                m = PlaneResize.resize(m, height: height, width: width, mode: upsampling)
                let channels = m.shape[0]
                m.data.withUnsafeBufferPointer { src in
                    // [C, H*W] -> rows of [H*W, dim] at this tap's column offset.
                    for c in 0..<channels {
                        let plane = src.baseAddress! + c * positions
                        for p in 0..<positions { dst[p * dim + column + c] = plane[p] }
                    }
                }
                column += channels
            }
        }
        return Grid(patches: PatchMatrix(rows: positions, dim: dim, values: out), height: height, width: width)
    }
}
