import SpeckImaging
@testable import SpeckWorkspace
import XCTest

/// The workstation's retrain report, counted by hand: the images neither
/// model learned from come first, the labelled ones after, apart.
final class RetrainReportTests: XCTestCase {
    func testHeldOutImagesLeadAndLabelledOnesAreApart() {
        // Held-out test images: (anomalous, old score, new score).
        let heldOut: [(Bool, Double, Double)] = [(true, 0.9, 0.9), (false, 0.8, 0.3), (true, 0.4, 0.7), (false, 0.1, 0.1)]
        // Labelled false positive of the old model, learned from by the new one.
        let labelledNormal = (false, 0.85, 0.2)
        func known(_ index: Int, _ anomalous: Bool, label: LabelVerdict? = nil) -> KnownImage {
            let sample = DatasetSample(path: "/\(index).png", relativePath: "test/\(index).png", split: .test,
                                       label: anomalous ? "crack" : "good", maskPath: nil)
            return KnownImage(sample: sample, record: ImageRecord(id: Int64(index), path: sample.relativePath, size: 1, mtimeNanoseconds: 0),
                              label: label)
        }
        func row(_ index: Int, _ image: (Bool, Double, Double), label: LabelVerdict? = nil) -> ModelComparison.Row {
            ModelComparison.Row(image: known(index, image.0, label: label), anomalous: image.0,
                                a: ScoreRecord(modelId: 1, imageId: Int64(index), raw: image.1, normalised: nil),
                                b: ScoreRecord(modelId: 2, imageId: Int64(index), raw: image.2, normalised: nil))
        }
        func side(_ id: Int64, _ name: String, threshold: Double, trained: Set<Int64>) -> ModelComparison.Side {
            ModelComparison.Side(model: ModelRecord(id: id, name: name, detector: "lbp", backbone: nil, parameters: "{}",
                                                    trainingImageCount: 10 + trained.count, fitSeconds: 1, file: "\(name).speckmodel"),
                                 threshold: ThresholdRecord(modelId: id, value: threshold, method: .manual),
                                 scores: [:], trainingImageIds: trained)
        }
        let comparison = ModelComparison(
            a: side(1, "m1", threshold: 0.3, trained: []), b: side(2, "m2", threshold: 0.5, trained: [9]),
            labelled: .init(title: "labelled images", rows: [row(9, labelledNormal, label: .normal)]),
            heldOutTest: .init(title: "test images neither model learned from",
                               rows: heldOut.enumerated().map { row($0.offset, $0.element) }))
        let lines = comparison.beforeAfterLines()
        let words = lines.map { $0.split(separator: " ").map(String.init) }
        let heldOutTitle = lines.firstIndex { $0.hasPrefix("test images neither model learned from (4)") }
        let labelledTitle = lines.firstIndex { $0.hasPrefix("labelled images (1; m2 learned from 1 of them)") }
        XCTAssertNotNil(heldOutTitle, "\(lines)")
        XCTAssertNotNil(labelledTitle, "\(lines)")
        XCTAssertLessThan(heldOutTitle ?? 99, labelledTitle ?? 0, "held-out images lead")
        // Held out, old at 0.3: TP 0.9 and 0.4, FP 0.8, TN 0.1; new at 0.5: TP 0.9 and 0.7, TN 0.3 and 0.1.
        let heldOutRows = Array(words[(heldOutTitle ?? 0)..<(labelledTitle ?? 0)])
        XCTAssertTrue(heldOutRows.contains(["TP/FP/FN/TN", "2/1/0/1", "2/0/0/2"]), "\(lines)")
        // All defects found: old cut 0.4 flags 0.8; new cut 0.7 flags nothing. The labelled image is not counted here.
        XCTAssertTrue(heldOutRows.contains(["FP", "at", "recall", "100%", "1", "0"]), "\(lines)")
        // The labelled false positive: old flags it (0.85 ≥ 0.3), new does not.
        XCTAssertTrue(words[(labelledTitle ?? 0)...].contains(["TP/FP/FN/TN", "0/1/0/0", "0/0/0/1"]), "\(lines)")
    }
}
