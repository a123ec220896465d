import Foundation
import SpeckImaging

/// Runs a per-image step over a training set on two threads (the backbone is
/// safe for two concurrent calls), keeping the images' order. Images that fail
/// to load or to process are skipped and listed to the user; cancellation is
/// checked between images.
public enum TrainingPass {
    /// Every image's result, in order.
    public static func map<T: Sendable>(_ images: TrainingImages, context: FitContext, stage: String,
                                        workers: Int = 2,
                                        _ step: @escaping @Sendable (Image) throws -> T) throws -> [T] {
        try indexedMap(images, context: context, stage: stage, workers: workers, step).map { $0.value }
    }

    /// As `map`, each result with the index of the image it came from (skipped images leave gaps).
    public static func indexedMap<T: Sendable>(_ images: TrainingImages, context: FitContext, stage: String,
                                               workers: Int = 2,
                                               _ step: @escaping @Sendable (Image) throws -> T) throws -> [(index: Int, value: T)] {
        var results: [(index: Int, value: T)] = []
        try stream(images, context: context, stage: stage, batch: images.count, workers: workers, step) { results += $0 }
        return results
    }

    /// The results, each with its image's index, handed to `consume` in order, `batch`
    /// images at a time, so that only one batch of results is held at once (large training sets).
    public static func stream<T: Sendable>(_ images: TrainingImages, context: FitContext, stage: String, batch: Int,
                                           workers: Int = 2, _ step: @escaping @Sendable (Image) throws -> T,
                                           consume: ([(index: Int, value: T)]) throws -> Void) throws {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        var failures: [(Int, String)] = []
        var used = 0
        context.report(stage, done: 0, total: images.count)
        for start in stride(from: 0, to: images.count, by: max(1, batch)) {
            let collector = Collector<T>(range: start..<min(start + max(1, batch), images.count))
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, collector.count))) { _ in
                while !context.isCancelled, let index = collector.claim() {
                    do {
                        collector.store(try step(try images.image(at: index)), at: index)
                    } catch {
                        collector.fail(index: index, error: error)
                    }
                    context.report(stage, done: start + collector.finished, total: images.count)
                }
            }
            try context.checkCancelled()
            failures += collector.failures
            let results: [(index: Int, value: T)] = collector.results.enumerated().compactMap { item in
                item.element.map { (index: start + item.offset, value: $0) }
            }
            used += results.count
            if !results.isEmpty { try consume(results) }
        }
        if !failures.isEmpty {
            let lines = failures.sorted { $0.0 < $1.0 }.map { "  image \($0.0 + 1): \($0.1)" }
            context.tell("skipped \(lines.count) training image(s) that could not be used:\n" + lines.joined(separator: "\n"))
        }
        if used == 0 { throw DetectorError.noTrainingImages }
    }

    /// Hands out the indices of one batch and gathers its results from the worker threads.
    private final class Collector<T>: @unchecked Sendable {
        private let lock = NSLock()
        private let range: Range<Int>
        private var next: Int
        private(set) var results: [T?]
        private(set) var failures: [(Int, String)] = []
        private var done = 0

        init(range: Range<Int>) {
            self.range = range
            next = range.lowerBound
            results = Array(repeating: nil, count: range.count)
        }

        var count: Int { range.count }

        func claim() -> Int? {
            lock.withLock {
                guard next < range.upperBound else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ value: T, at index: Int) { lock.withLock { results[index - range.lowerBound] = value; done += 1 } }

        func fail(index: Int, error: Error) {
            lock.withLock { failures.append((index, "\(error)")); done += 1 }
        }

        var finished: Int { lock.withLock { done } }
    }
}
