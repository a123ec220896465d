import Foundation
import SpeckImaging

/// Wall and process CPU time spent in each fit stage, from the progress reports.
final class StageTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(stage: String, wall: Double, cpu: Double)] = []

    func enter(_ stage: String) {
        lock.withLock {
            if entries.last?.stage != stage { entries.append((stage, ResourceUsage.now(), ResourceUsage.processCPUSeconds())) }
        }
    }

    /// (wall, CPU) seconds of `stage`, up to the next stage or to now.
    func seconds(of stage: String) -> (wall: Double, cpu: Double) {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.stage == stage }) else { return (0, 0) }
            let end = i + 1 < entries.count ? (entries[i + 1].wall, entries[i + 1].cpu) : (ResourceUsage.now(), ResourceUsage.processCPUSeconds())
            return (end.0 - entries[i].wall, end.1 - entries[i].cpu)
        }
    }
}
