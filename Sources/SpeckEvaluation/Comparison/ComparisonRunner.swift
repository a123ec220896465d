import Foundation
import SpeckDetectors
import SpeckImaging

/// Fits and evaluates several detectors (and settings) on one dataset, each
/// with `seeds` seeds when it has a random element: the engine behind
/// `speck eval --detector a,b,... [--seeds N]`. The training images are
/// decoded once for all entries; each detector computes its own backbone
/// features (their taps and embeddings differ). A failing entry is recorded
/// in its row and the rest go on.
public struct ComparisonRunner: Sendable {
    public let runner: EvaluationRunner
    public let seeds: Int
    public let registry: DetectorRegistry
    /// Makes the detector of an entry with its settings (the `seed` set when given).
    public let makeDetector: @Sendable (DetectorChoice, _ parameters: [String: String]) throws -> any Detector

    public init(runner: EvaluationRunner, seeds: Int = 1, registry: DetectorRegistry = .standard,
                makeDetector: @escaping @Sendable (DetectorChoice, [String: String]) throws -> any Detector) {
        self.runner = runner
        self.seeds = max(1, seeds)
        self.registry = registry
        self.makeDetector = makeDetector
    }

    /// The seeds an entry runs with: `seeds` consecutive ones from its own
    /// `seed` setting (default 0), or one run for a detector without a seed.
    public func seedValues(for choice: DetectorChoice) throws -> [Int?] {
        guard let entry = try? registry.entry(for: choice.kind), entry.isSeeded else { return [nil] }
        guard let text = choice.settings["seed"] else { return seeds == 1 ? [nil] : (0..<seeds).map { $0 } }
        guard let first = Int(text), first >= 0 else {
            throw DetectorError.invalidParameter("\(choice.kind) seed=\(text): expected a whole number ≥ 0")
        }
        return (0..<seeds).map { first + $0 }
    }

    /// Runs every entry in order; `announce` is told before each fit
    /// ("2/5 padim seed 1"), so a long list shows where it is, and
    /// `skipped` at the end the files any entry could not use, each once.
    public func compare(_ choices: [DetectorChoice], context: FitContext = FitContext(),
                        skipped reportSkipped: ([ImageError]) -> Void = { _ in },
                        announce: @Sendable (_ index: Int, _ total: Int, _ what: String) -> Void = { _, _, _ in }) throws
        -> DetectorComparison {
        guard !runner.plan.test.isEmpty else { throw RunnerError.noTestImages(runner.dataset.root) }
        let training = TrainingSet(samples: runner.plan.train, workers: runner.workers, progress: runner.progress)
        var rows: [ComparisonRow] = []
        var testImages = 0
        var crops: Set<Int?> = []
        var skipped: [String: ImageError] = [:]
        func noteSkipped(_ files: [ImageError]) { for file in files where skipped[file.path] == nil { skipped[file.path] = file } }
        defer { reportSkipped(skipped.values.sorted { $0.path < $1.path }) }
        for (index, choice) in choices.enumerated() {
            var row = ComparisonRow(entry: choice.text, detector: choice.kind)
            if let problem = choice.problem {
                row.error = problem
                rows.append(row)
                announce(index + 1, choices.count, "\(choice.text): \(problem)")
                continue
            }
            do {
                for seed in try seedValues(for: choice) {
                    if context.isCancelled { throw DetectorError.cancelled }
                    announce(index + 1, choices.count, choice.text + (seed.map { " seed \($0)" } ?? ""))
                    var parameters = choice.settings
                    if let seed { parameters["seed"] = "\(seed)" }
                    let detector = try makeDetector(choice, parameters)
                    let (report, _, _) = try runner.evaluate(detector, training: training, context: context)
                    noteSkipped(report.skipped)
                    row.parameters = Self.withoutSeed(detector.configuration.parameters, seeded: seed != nil)
                    row.resize = detector.configuration.preprocessing.resize
                    crops.insert(detector.configuration.preprocessing.crop)
                    row.runs.append(ComparisonRun(seed: seed, report: report))
                    testImages = max(testImages, report.testImages)
                }
            } catch let failure as FailureAfterSkips {
                noteSkipped(failure.skipped)
                row.error = Self.failureText(failure.error, after: row.runs)
            } catch {
                row.error = Self.failureText(error, after: row.runs)
            }
            rows.append(row)
        }
        // One resize when every entry used the same (else each row has its own); the crop is the option's.
        let resizes = Set(rows.compactMap(\.resize))
        return DetectorComparison(dataset: runner.dataset.root, resize: resizes.count == 1 ? resizes.first : nil,
                                  crop: crops.count == 1 ? crops.first! : nil, seeds: seeds,
                                  trainImages: training.images.count, testImages: testImages,
                                  finished: ISO8601DateFormatter().string(from: Date()), rows: rows)
    }

    /// A seeded row's parameters list the seed per run, not the last one used.
    static func withoutSeed(_ parameters: [String: String], seeded: Bool) -> [String: String] {
        seeded ? parameters.filter { $0.key != "seed" } : parameters
    }

    static func failureText(_ error: Error, after runs: [ComparisonRun]) -> String {
        let text = "\(error)"
        return runs.isEmpty ? text : "after \(runs.count) seed(s): \(text)"
    }
}
