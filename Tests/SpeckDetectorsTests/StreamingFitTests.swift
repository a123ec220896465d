import XCTest
import SpeckImaging
@testable import SpeckDetectors

/// Fitting that streams the training set: PaDiM's running sums against the
/// textbook two-pass Gaussians, PatchCore's held patches thinned to a coreset
/// when memory_mb is small and untouched when it is not, SPADE's refusal.
final class StreamingFitTests: XCTestCase {
    // MARK: PaDiM

    /// The two-pass fit PaDiM used before streaming (mean first, then the
    /// centred rank-n update): the reference the running sums must match.
    private func twoPassGaussians(_ samples: [PatchMatrix], regularisation: Double) throws -> (means: [Double], inverses: [Double]) {
        let n = samples.count, positions = samples[0].rows, dim = samples[0].dim
        var means: [Double] = [], inverses: [Double] = []
        for p in 0..<positions {
            var mean = [Double](repeating: 0, count: dim)
            for s in samples { for c in 0..<dim { mean[c] += Double(s.values[p * dim + c]) / Double(n) } }
            var covariance = [Double](repeating: 0, count: dim * dim)
            for s in samples {
                for i in 0..<dim { for j in 0..<dim {
                    covariance[i * dim + j] += (Double(s.values[p * dim + i]) - mean[i]) * (Double(s.values[p * dim + j]) - mean[j]) / Double(max(n - 1, 1))
                } }
            }
            for i in 0..<dim { covariance[i * dim + i] += regularisation }
            means += mean
            inverses += try SymmetricInverse.invert(covariance, order: dim)
        }
        return (means, inverses)
    }

    func testStreamedGaussiansMatchTheTwoPassFit() throws {
        // Features far from zero, where summing raw outer products would lose digits.
        let samples = (0..<23).map { i -> PatchMatrix in
            let noise = randomMatrix(rows: 5, dim: 6, seed: UInt64(i))
            return PatchMatrix(rows: 5, dim: 6, values: noise.values.map { 40 + $0 })
        }
        let reference = try twoPassGaussians(samples, regularisation: 0.01)
        for batch in [1, 4, 23] {
            var sums = GaussianSums(positions: 5, dim: 6)
            for start in stride(from: 0, to: samples.count, by: batch) {
                try sums.add(Array(samples[start..<min(start + batch, samples.count)]), cancelled: {})
            }
            let streamed = try sums.gaussians(regularisation: 0.01, cancelled: {})
            for (a, b) in zip(streamed.means, reference.means) { XCTAssertEqual(Double(a), b, accuracy: 1e-5 * abs(b)) }
            for (a, b) in zip(streamed.inverseCovariances, reference.inverses) {
                XCTAssertEqual(Double(a), b, accuracy: 1e-4 * max(1, abs(b)), "batch \(batch)")
            }
        }
    }

    func testPaDiMStreamedOverSeveralBatchesScoresAndReloads() throws {
        let images = SyntheticPlate.training(count: 40)
        XCTAssertLessThan(PaDiMDetector.batchImages, images.count, "the fit must span several batches")
        let model = try DetectorRegistry.standard.makeDetector(kind: "padim", parameters: ["channels": "30"],
                                                               preprocessing: Preprocessing(resize: 64))
        try model.fit(images, context: FitContext())
        let spot = try model.score(SyntheticPlate.image(seed: 500, spot: true))
        XCTAssertGreaterThan(spot.score, try model.score(SyntheticPlate.image(seed: 501)).score)
        let reloaded = try reload(model).score(SyntheticPlate.image(seed: 500, spot: true))
        XCTAssertEqual(reloaded.score.bitPattern, spot.score.bitPattern)
        XCTAssertEqual(reloaded.map?.values.map(\.bitPattern), spot.map?.values.map(\.bitPattern))
    }

    // MARK: PatchCore

    private func patchcore(_ parameters: [String: String]) throws -> PatchCoreDetector {
        try XCTUnwrap(DetectorRegistry.standard.makeDetector(kind: "patchcore", parameters: parameters,
                                                             preprocessing: Preprocessing(resize: 64)) as? PatchCoreDetector)
    }

    func testWithinTheBudgetTheBankIsTheSelectionAmongAllPatches() throws {
        let images = SyntheticPlate.training(count: 40)
        let model = try patchcore(["coreset": "0.1", "seed": "5"])
        try model.fit(images, context: FitContext())
        // The fit before streaming: every patch stacked, then one selection.
        let all = PatchMatrix.stacking(try (0..<images.count).map { try model.patchGrid(of: images.image(at: $0)).patches })
        let picked = try CoresetMethod.fast.select(all, count: Int(Double(all.rows) * 0.1), seed: 5) { _, _ in }
        let expected = all.gathering(picked)
        let bank = try XCTUnwrap(model.exportState().arrays["memory_bank"])
        XCTAssertEqual(bank.shape, [expected.rows, expected.dim])
        XCTAssertEqual(bank.values.map(\.bitPattern), expected.values.map(\.bitPattern))
    }

    func testOverTheBudgetPatchesAreThinnedIntoAValidBank() throws {
        let images = SyntheticPlate.training(count: 40)
        let notes = NoteLog()
        let model = try patchcore(["coreset": "0.1", "seed": "5", "memory_mb": "1"])
        try model.fit(images, context: FitContext(onMessage: { notes.append($0) }))
        XCTAssertTrue(notes.text.contains("thinned"), notes.text)
        let all = PatchMatrix.stacking(try (0..<images.count).map { try model.patchGrid(of: images.image(at: $0)).patches })
        let bank = try XCTUnwrap(model.exportState().arrays["memory_bank"])
        let rows = bank.shape[0], dim = bank.shape[1]
        XCTAssertEqual(dim, all.dim)
        // The asked fraction of all patches (not of those kept), unless lowered to fit, as the user is told.
        XCTAssertTrue(notes.text.contains("lowered from 10%"), notes.text)
        let fraction = try XCTUnwrap(model.exportState().scalars["coreset_fraction_used"])
        XCTAssertEqual(rows, Int(Double(all.rows) * fraction))
        XCTAssertLessThan(rows, Int(Double(all.rows) * 0.1))
        XCTAssertLessThanOrEqual(rows * (2 * dim + 2) * 4, 1 << 20, "the bank and the search's copy of it stay within memory_mb")
        // Every bank row is one training patch, none twice.
        var index: [[UInt32]: Int] = [:]
        for r in 0..<all.rows { index[all.values[(r * dim)..<((r + 1) * dim)].map(\.bitPattern)] = r }
        let found = (0..<rows).compactMap { index[bank.values[($0 * dim)..<(($0 + 1) * dim)].map(\.bitPattern)] }
        XCTAssertEqual(found.count, rows)
        XCTAssertEqual(Set(found).count, rows)
        // It still scores, and a model file brings back the same scores bit for bit.
        let test = SyntheticPlate.image(seed: 500, spot: true)
        let score = try model.score(test)
        XCTAssertGreaterThan(score.score, try model.score(SyntheticPlate.image(seed: 501)).score)
        XCTAssertEqual(try reload(model).score(test).map?.values.map(\.bitPattern), score.map?.values.map(\.bitPattern))
    }

    func testHeldPatchesAreThinnedToTheFractionOfAllSeen() throws {
        var calls: [(rows: Int, count: Int, values: [Float])] = []
        var set = BoundedPatchSet(dim: 1, limitRows: 20, fraction: 0.25, expectedRows: 40) { held, count, _ in
            calls.append((held.rows, count, held.values))
            return Array(stride(from: held.rows - 1, through: 0, by: -2).prefix(count))   // the last row, every second one back
        }
        for i in 0..<20 {
            try set.add(PatchMatrix(rows: 2, dim: 1, values: [Float(2 * i), Float(2 * i + 1)]),
                        from: (0..<2).map { PatchSource(sample: i, x: 0, y: $0, gridWidth: 1, gridHeight: 2) })
        }
        XCTAssertEqual(set.seen, 40)
        XCTAssertEqual(set.thinnings, 2)
        XCTAssertEqual(calls.map(\.rows), [20, 19])
        XCTAssertEqual(calls.map(\.count), [5, 9], "a quarter of the 20, then of the 34 patches seen, rounded up")
        // The picks kept in order, the later patches after them.
        XCTAssertEqual(calls[1].values, [11, 13, 15, 17, 19] + (20...33).map(Float.init))
        XCTAssertEqual(set.matrix.values, [15, 19, 21, 23, 25, 27, 29, 31, 33] + (34...39).map(Float.init))
        // Each kept row still knows where it came from (value 2 x image + row).
        XCTAssertEqual(set.sources.map { Float(2 * $0.sample + $0.y) }, set.matrix.values)
    }

    // MARK: SPADE

    func testSPADERefusesAGalleryLargerThanItsBudget() throws {
        let model = try DetectorRegistry.standard.makeDetector(kind: "spade", parameters: ["memory_mb": "1"],
                                                               preprocessing: Preprocessing(resize: 64))
        XCTAssertThrowsError(try model.fit(SyntheticPlate.training(count: 200), context: FitContext())) {
            XCTAssertTrue("\($0)".contains("memory_mb=1"), "\($0)")
            XCTAssertTrue("\($0)".contains("200 images"), "\($0)")
        }
    }

    // MARK: helpers

    private func reload(_ model: any Detector) throws -> any Detector {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speck-stream-\(UUID().uuidString).speckmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile(detector: model, calibration: nil).write(to: url)
        return try DetectorRegistry.standard.restore(try ModelFile.read(from: url))
    }
}

/// Notes told during a fit.
private final class NoteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
