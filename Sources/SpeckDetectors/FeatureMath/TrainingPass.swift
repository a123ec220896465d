import Foundation
import SpeckImaging

/// Runs a per-image step over a training set on two threads (the backbone is
/// safe for two concurrent calls), keeping the images' order. Images that fail
/// to load or to process are skipped and listed to the user; cancellation is
/// checked between images.
public enum TrainingPass {
    public static func map<T: Sendable>(_ images: TrainingImages, context: FitContext, stage: String,
                                        workers: Int = 2,
                                        _ step: @escaping @Sendable (Image) throws -> T) throws -> [T] {
        try indexedMap(images, context: context, stage: stage, workers: workers, step).map { $0.value }
    }

    /// As `map`, each result with the index of the image it came from (skipped images leave gaps).
    public static func indexedMap<T: Sendable>(_ images: TrainingImages, context: FitContext, stage: String,
                                               workers: Int = 2,
                                               _ step: @escaping @Sendable (Image) throws -> T) throws -> [(index: Int, value: T)] {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        let collector = Collector<T>(count: images.count)
        let threads = max(1, min(workers, images.count))
        context.report(stage, done: 0, total: images.count)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            while !context.isCancelled, let index = collector.claim() {
                do {
                    let result = try step(try images.image(at: index))
                    collector.store(result, at: index)
                } catch {
                    collector.fail(index: index, error: error)
                }
                context.report(stage, done: collector.finished, total: images.count)
            }
        }
        try context.checkCancelled()
        if !collector.failures.isEmpty {
            let lines = collector.failures.sorted { $0.0 < $1.0 }.map { "  image \($0.0 + 1): \($0.1)" }
            context.tell("skipped \(lines.count) training image(s) that could not be used:\n" + lines.joined(separator: "\n"))
        }
        let results: [(index: Int, value: T)] = collector.results.enumerated().compactMap { item in
            item.element.map { (index: item.offset, value: $0) }
        }
        if results.isEmpty { throw DetectorError.noTrainingImages }
        return results
    }

    /// Hands out indices and gathers results from the worker threads.
    private final class Collector<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        private(set) var results: [T?]
        private(set) var failures: [(Int, String)] = []
        private var done = 0

        init(count: Int) {
            self.count = count
            results = Array(repeating: nil, count: count)
        }

        func claim() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ value: T, at index: Int) { lock.withLock { results[index] = value; done += 1 } }

        func fail(index: Int, error: Error) {
            lock.withLock { failures.append((index, "\(error)")); done += 1 }
        }

        var finished: Int { lock.withLock { done } }
    }
}
