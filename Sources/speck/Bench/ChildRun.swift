import Foundation
import SpeckImaging

/// A `speck` child process of a benchmark, pinned to given cores with
/// `taskset`, in a session of its own; waited for with `wait4`, which gives
/// its own CPU time and peak memory (not the sum over every child, as
/// `getrusage` would).
struct ChildRun {
    struct Finished {
        var exitStatus: Int32
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakResidentBytes: Int
        var output: String
    }

    private let pid: pid_t
    private let started = ResourceUsage.now()
    private let outputPath: String

    /// Starts `arguments` on `cores` (e.g. "0" or "0,1"); stdout and stderr go to a file until the end.
    init(_ arguments: [String], cores: String) throws {
        guard let taskset = ["/usr/bin/taskset", "/bin/taskset"].first(where: FileManager.default.isExecutableFile) else {
            throw ChildRunError(message: "taskset not found (install util-linux): needed to pin each process to its core")
        }
        outputPath = NSTemporaryDirectory() + "speck-child-\(getpid())-" + UUID().uuidString
        let argv = [taskset, "-c", cores] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        // Each child in a session of its own, as a scheduler's task on its own machine would be: with
        // autogroup, Linux shares a busy CPU between sessions, so children of the benchmark's session
        // would share one session's part of it however many they are.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetsid)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, taskset, &actions, &attributes, cArguments, environ)
        guard spawned == 0 else {
            throw ChildRunError(message: "\(taskset) could not be started: \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not see (spawn.h declares it for _GNU_SOURCE only).
    private static let spawnSetsid: Int16 = 0x80

    func wait() -> Finished {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = ResourceUsage.now() - started
        defer { unlink(outputPath) }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
        // Exited normally with its status, or killed (reported as 128 + signal, as shells do).
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
        return Finished(exitStatus: exitStatus, wallSeconds: wall, cpuSeconds: cpu,
                        peakResidentBytes: Int(usage.ru_maxrss) * 1024,
                        output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}

struct ChildRunError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
