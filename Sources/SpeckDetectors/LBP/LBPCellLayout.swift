/// The dense, overlapping grid of LBP cells on a square image: blocks of
/// `block` x `block` pixels, cells of 2 x 2 blocks, so cells overlap by half.
/// The last block of a row or column absorbs any leftover pixels.
public struct LBPCellLayout: Sendable, Equatable {
    public let side: Int
    public let block: Int
    public var blocksPerSide: Int { side / block }
    public var cellsPerSide: Int { blocksPerSide - 1 }
    public var cellCount: Int { cellsPerSide * cellsPerSide }

    public init(side: Int, block: Int) throws {
        guard block >= 2, side / block >= 2 else {
            throw DetectorError.invalidParameter("lbp cell=\(2 * block) needs images of at least \(2 * block) pixels (got \(side))")
        }
        self.side = side
        self.block = block
    }

    /// Block index of a pixel column or row.
    func blockIndex(_ pixel: Int) -> Int { min(pixel / block, blocksPerSide - 1) }

    /// Upsamples cell values to the image: cell i is centred at pixel (i + 1) * block.
    public var upsampler: GridUpsampler {
        GridUpsampler(gridWidth: cellsPerSide, gridHeight: cellsPerSide, origin: Float(block), step: Float(block))
    }
}
