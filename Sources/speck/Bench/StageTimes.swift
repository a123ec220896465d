import Foundation
import SpeckDetectors
import SpeckImaging

/// Wall and process CPU time spent in each fit stage, and each stage's last
/// progress count, from the progress reports.
final class StageTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(stage: String, wall: Double, cpu: Double)] = []
    private var lastDone: [String: Int] = [:]

    func enter(_ progress: FitProgress) {
        lock.withLock {
            if entries.last?.stage != progress.stage {
                entries.append((progress.stage, ResourceUsage.now(), ResourceUsage.processCPUSeconds()))
            }
            lastDone[progress.stage] = progress.done
        }
    }

    func lastCount(of stage: String) -> Int { lock.withLock { lastDone[stage] ?? 0 } }

    /// (wall, CPU) seconds of `stage`, up to the next stage or to now.
    func seconds(of stage: String) -> (wall: Double, cpu: Double) {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.stage == stage }) else { return (0, 0) }
            let end = i + 1 < entries.count ? (entries[i + 1].wall, entries[i + 1].cpu) : (ResourceUsage.now(), ResourceUsage.processCPUSeconds())
            return (end.0 - entries[i].wall, end.1 - entries[i].cpu)
        }
    }
}
