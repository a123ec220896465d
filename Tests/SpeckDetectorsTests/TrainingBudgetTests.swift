import XCTest
import SpeckImaging
@testable import SpeckDetectors

/// The trained detectors' memory bound: a training pass whose results would
/// not fit in the budget runs on a seeded sample of the images, as many as fit.
final class TrainingBudgetTests: XCTestCase {
    /// Images whose one pixel says which image they are.
    private func numbered(_ count: Int) -> TrainingImages {
        TrainingImages(count: count, paths: (0..<count).map { "image\($0).png" }) {
            Image(width: 1, height: 1, channels: 1, fill: Float($0))
        }
    }

    /// Each result: the image's number, said to take 1 MB.
    private func pass(_ images: TrainingImages, budgetMB: Int, seed: UInt64, told: Messages = Messages()) throws -> [Int] {
        let context = FitContext(onMessage: { told.append($0) })
        return try TrainingPass.mapWithinBudget(images, budgetBytes: budgetMB * 1_048_576, seed: seed, context: context,
                                                stage: "features", bytes: { _ in 1_048_576 }) { Int($0.pixels[0]) }
    }

    func testEveryImageWhenAllFit() throws {
        let told = Messages()
        XCTAssertEqual(try pass(numbered(40), budgetMB: 40, seed: 1, told: told), Array(0..<40))
        XCTAssertTrue(told.all.isEmpty, "nothing to say when all fit: \(told.all)")
    }

    func testASeededSampleOfAsManyAsFitWhenAllDoNot() throws {
        let told = Messages()
        let kept = try pass(numbered(100), budgetMB: 30, seed: 7, told: told)
        XCTAssertEqual(kept.count, 30)
        XCTAssertEqual(kept, kept.sorted(), "the sample keeps the images' order")
        XCTAssertEqual(Set(kept).count, 30, "no image twice")
        XCTAssertEqual(try pass(numbered(100), budgetMB: 30, seed: 7), kept, "the same seed, the same sample")
        XCTAssertNotEqual(try pass(numbered(100), budgetMB: 30, seed: 8), kept, "another seed, another sample")
        XCTAssertNotEqual(kept, Array(0..<30), "a random sample, not the first images")
        XCTAssertTrue(told.all.contains { $0.contains("sample of 30 of 100 training images") && $0.contains("memory_mb=30") },
                      "the user is told: \(told.all)")
    }

    func testABudgetBelowTwoImagesIsRefusedByName() {
        XCTAssertThrowsError(try pass(numbered(10), budgetMB: 1, seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("memory_mb is too small"), "\(error)")
        }
    }

    func testTheSampleKeepsThePathsOfItsImages() {
        let sampled = numbered(20).sample(5, seed: 3)
        XCTAssertEqual(sampled.count, 5)
        XCTAssertEqual(sampled.paths?.count, 5)
        for index in 0..<5 {
            let number = Int(try! sampled.image(at: index).pixels[0])
            XCTAssertEqual(sampled.paths?[index], "image\(number).png")
        }
    }

    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func append(_ message: String) { lock.withLock { messages.append(message) } }
        var all: [String] { lock.withLock { messages } }
    }
}
