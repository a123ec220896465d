/// PatchCore's training patches as they stream in, held within a row limit:
/// when the next image's patches would not fit, what is held is thinned to its
/// coreset (the coreset fraction of every patch seen so far), and the patches
/// kept go on as candidates for the final selection, which merges all the
/// per-chunk coresets. Below the limit nothing is thinned: the final selection
/// then sees every patch, exactly as if the set had been held whole.
struct BoundedPatchSet {
    let dim: Int
    let limitRows: Int
    /// Fraction of the patches seen that a thinning keeps.
    let fraction: Double
    /// Picks `count` rows of a matrix (the coreset selection); `round` counts the thinnings.
    let thin: (_ held: PatchMatrix, _ count: Int, _ round: Int) throws -> [Int]
    private var values: [Float] = []
    /// Where each held row came from (for evidence), thinned with the rows.
    private(set) var sources: [PatchSource] = []
    private(set) var rows = 0
    /// Patches added, thinned or not.
    private(set) var seen = 0
    private(set) var thinnings = 0

    init(dim: Int, limitRows: Int, fraction: Double, expectedRows: Int,
         thin: @escaping (_ held: PatchMatrix, _ count: Int, _ round: Int) throws -> [Int]) {
        self.dim = dim
        self.limitRows = limitRows
        self.fraction = fraction
        self.thin = thin
        // Reserved, not touched: pages are only used as rows arrive.
        values.reserveCapacity(min(limitRows, expectedRows) * dim)
    }

    /// What is held, as one matrix.
    var matrix: PatchMatrix { PatchMatrix(rows: rows, dim: dim, values: values) }

    /// Rows a thinning keeps: the fraction of every patch seen so far.
    var thinnedRows: Int { max(1, Int((Double(seen) * fraction).rounded(.up))) }

    mutating func add(_ part: PatchMatrix, from partSources: [PatchSource]) throws {
        precondition(part.dim == dim && partSources.count == part.rows, "patch width or sources do not match")
        if rows + part.rows > limitRows {
            try thinHeld()
            guard rows + part.rows <= limitRows else {
                throw DetectorError.invalidParameter("memory_mb is too small: one image's \(part.rows) patches do not fit "
                                                     + "beside the \(rows) kept from the images before")
            }
        }
        values.append(contentsOf: part.values)
        sources.append(contentsOf: partSources)
        rows += part.rows
        seen += part.rows
    }

    /// Keeps the coreset of what is held, moving the picked rows forward in place
    /// (no second copy; the array keeps its capacity for the rows to come).
    private mutating func thinHeld() throws {
        let keep = thinnedRows
        guard keep < rows else { return }
        let picked = try thin(matrix, keep, thinnings).sorted()
        thinnings += 1
        values.withUnsafeMutableBufferPointer { v in
            for (to, from) in picked.enumerated() where to != from {
                (v.baseAddress! + to * dim).update(from: v.baseAddress! + from * dim, count: dim)
            }
        }
        values.removeLast((rows - picked.count) * dim)
        sources = picked.map { sources[$0] }
        rows = picked.count
    }
}
