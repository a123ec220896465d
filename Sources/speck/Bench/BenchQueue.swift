import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckWorkspace

/// `speck bench queue DATASET`: how many labels an inspector needs, in the
/// labelling-queue order against the score order, before a retrain reaches a
/// target. The inspector is simulated: each label comes from the dataset's
/// folders, one at a time, in an order fixed by the first model; after each
/// label a new version is retrained from the first one (what `R` and
/// `speck retrain` do: training images plus those labelled normal) and
/// compared on the test images neither learned from (as `speck compare`).
struct BenchQueue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Labels needed to reach a retrain target: labelling-queue order against score order.")

    @Argument(help: "Dataset folder (MVTec layout: train/good, test/good, test/<defect>).")
    var dataset: String = "../shared/datasets/mpdd-metal_plate"

    @OptionGroup var options: DetectorOptions

    @Option(help: "Target: at most this many false positives at the new version's own threshold on the held-out test images, at a recall no lower than the first model's.")
    var targetFalsePositives = 2

    @Option(help: "Give up after this many labels in one order.")
    var maxLabels = 60

    func run() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("speck-bench-queue-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let workspace = try Workspace.create(imageRoot: dataset, storeFolder: store)
        let first = try Retrainer(workspace: workspace).retrain(options.makeDetector(note: { print("note: \($0)") }), parent: nil)
        let m1 = first.model
        let base = try heldOut(m1, m1, in: workspace)
        print("\(m1.name): \(m1.detector) on \(m1.trainingImageCount) images; held-out test images: "
            + "FP \(base.falsePositives) at recall \(String(format: "%.3f", base.recall)); target FP <= \(targetFalsePositives) "
            + "at recall >= \(String(format: "%.3f", base.recall))")

        let (images, _) = try workspace.knownImages()
        let truth = Dictionary(images.map { ($0.record.id!, $0.sample.isNormal) }, uniquingKeysWith: { first, _ in first })
        let queueOrder = try workspace.labellingQueue(model: m1).map { ($0.imageId, $0.path) }
        let trained = try workspace.trainingImageIds(of: m1.id!)
        let scoreOrder = try workspace.listing(modelId: m1.id!)
            .filter { $0.raw != nil && $0.label == nil && !trained.contains($0.imageId) }.map { ($0.imageId, $0.path) }

        var counts: [String: Int?] = [:]
        for (name, order) in [("queue order", queueOrder), ("score order", scoreOrder)] {
            print("\n\(name):")
            counts[name] = try labelsNeeded(order, truth: truth, from: m1, recall: base.recall, in: workspace)
        }
        print("")
        for name in ["queue order", "score order"] {
            print("\(name): " + (counts[name]!.map { "\($0) labels" } ?? "target not reached in \(maxLabels) labels"))
        }
    }

    /// Labels `order` one by one from the folders' truth, retraining after each
    /// normal label; returns the count at which the target is first met.
    private func labelsNeeded(_ order: [(Int64, String)], truth: [Int64: Bool?], from m1: ModelRecord, recall: Double,
                              in workspace: Workspace) throws -> Int? {
        // Start from no labels (the history keeps the other order's, cleared).
        let labelled = try workspace.currentLabels().map(\.imageId)
        let rows = try workspace.images().filter { labelled.contains($0.id!) }
        if !rows.isEmpty { try workspace.label(rows, as: .cleared, note: "bench: next order") }
        let configuration = try workspace.modelFile(of: m1).configuration
        for (index, (imageId, path)) in order.prefix(maxLabels).enumerated() {
            guard let isNormal = truth[imageId] ?? nil, let row = try workspace.images().first(where: { $0.id == imageId }) else {
                continue
            }
            try workspace.label([row], as: isNormal ? .normal : .anomalous, note: "bench: from the folder")
            // An anomalous label changes neither the training set nor the truth the threshold is chosen on: no retrain.
            guard isNormal else { print("  \(index + 1)\t\(path)\tanomalous"); continue }
            let detector = try ModelDetectors.fresh(like: configuration, weights: options.weights)
            let next = try Retrainer(workspace: workspace).retrain(detector, parent: m1).model
            let result = try heldOut(m1, next, in: workspace)
            print("  \(index + 1)\t\(path)\tnormal\t\(next.name): FP \(result.falsePositives), recall "
                + String(format: "%.3f", result.recall) + " on \(result.images) held-out test images")
            if result.falsePositives <= targetFalsePositives, result.recall >= recall - 1e-9 { return index + 1 }
        }
        return nil
    }

    /// The second model's false positives and recall at its own threshold on
    /// the test images neither model learned from.
    private func heldOut(_ a: ModelRecord, _ b: ModelRecord, in workspace: Workspace) throws
        -> (falsePositives: Int, recall: Double, images: Int) {
        let comparison = try ModelComparison.compare(a, b, in: workspace) { model in
            try ModelDetectors.restored(workspace.modelFile(of: model), weights: options.weights)
        }
        let group = comparison.heldOutTest
        let counts = group.confusion(\.b, threshold: comparison.b.threshold)
        return (counts?.falsePositives ?? 0, counts?.recall ?? 0, group.rows.count)
    }
}
