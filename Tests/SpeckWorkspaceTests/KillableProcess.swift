import Foundation

/// A program the crash and restart tests start, may SIGKILL, and wait for.
/// Spawned directly (posix_spawn + waitpid: Foundation's Process notices a
/// child's death tens of milliseconds late, which adds up over many kills);
/// its output goes to files, not pipes, so nothing can block it before a kill.
final class KillableProcess {
    struct Finished {
        var killed: Bool
        /// The exit status; nil when a signal ended the process.
        var exitStatus: Int32?
        var seconds: Double
        var output: String
        var errorOutput: String
    }

    private let pid: pid_t
    private let started = Date()
    private let outputPath: String
    private let errorPath: String

    /// Starts `arguments[0]` with the rest as arguments; `environment` replaces the test's own when given.
    init(_ arguments: [String], outputFolder: String, environment: [String: String]? = nil) throws {
        let name = outputFolder + "/child-" + UUID().uuidString
        outputPath = name + ".out"
        errorPath = name + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned: Int32
        if let envp {
            spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        } else {
            spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        }
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        self.pid = pid
    }

    /// Kills the process with SIGKILL (no clean-up of any kind runs).
    func kill() {
        _ = Foundation.kill(pid, SIGKILL)
    }

    /// Waits for the process to end; what it printed (a last line without its newline was cut by a kill).
    func wait() -> Finished {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        defer { unlink(outputPath); unlink(errorPath) }
        let signal = status & 0x7f
        return Finished(killed: signal == SIGKILL, exitStatus: signal == 0 ? (status >> 8) & 0xff : nil,
                        seconds: Date().timeIntervalSince(started),
                        output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                        errorOutput: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Runs `arguments` to the end, or SIGKILLs it `killAfter` seconds after its start.
    static func run(_ arguments: [String], outputFolder: String, killAfter delay: Double? = nil,
                    environment: [String: String]? = nil) throws -> Finished {
        let child = try KillableProcess(arguments, outputFolder: outputFolder, environment: environment)
        if let delay {
            usleep(UInt32(delay * 1_000_000))
            child.kill()
        }
        return child.wait()
    }
}
