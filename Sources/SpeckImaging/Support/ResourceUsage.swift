import Foundation

/// Process-level measurements used by the benchmark commands.
public enum ResourceUsage {
    /// Peak resident set size of this process so far, in bytes.
    public static var peakResidentBytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024 // Linux reports kilobytes
    }

    /// Monotonic seconds, for timing.
    public static func now() -> Double {
        seconds(on: CLOCK_MONOTONIC)
    }

    /// CPU seconds of this process: unlike wall time, not inflated when other
    /// processes share the cores, so it tells work from waiting.
    public static func processCPUSeconds() -> Double {
        seconds(on: CLOCK_PROCESS_CPUTIME_ID)
    }

    /// CPU seconds of the calling thread (one worker's share of a parallel run).
    public static func threadCPUSeconds() -> Double {
        seconds(on: CLOCK_THREAD_CPUTIME_ID)
    }

    /// The 1-minute load average when it is over half the cores (wall-clock
    /// timings are then inflated by other work); nil on a quiet machine or
    /// when /proc does not tell.
    public static var busyLoadAverage: Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let load = text.split(separator: " ").first.flatMap({ Double($0) }) else { return nil }
        return load > 0.5 * Double(ProcessInfo.processInfo.activeProcessorCount) ? load : nil
    }

    public static func formatBytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 1024 ? String(format: "%.2f GiB", mb / 1024) : String(format: "%.1f MiB", mb)
    }

    private static func seconds(on clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Wall and process CPU seconds since it was started: what every benchmark
/// reports side by side (CPU time is the steadier figure on a busy machine).
public struct Stopwatch {
    private let wallStart = ResourceUsage.now()
    private let cpuStart = ResourceUsage.processCPUSeconds()

    public init() {}

    public var wallSeconds: Double { ResourceUsage.now() - wallStart }
    public var cpuSeconds: Double { ResourceUsage.processCPUSeconds() - cpuStart }
}
