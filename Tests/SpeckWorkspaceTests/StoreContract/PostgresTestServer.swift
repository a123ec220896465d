import Foundation
import XCTest
@testable import SpeckWorkspace

/// A private PostgreSQL server for the tests: Debian's server binaries run on
/// a fresh data folder under the temporary folder, reachable only through a
/// unix socket there (no TCP port is opened), trust authentication for the
/// test user `speck`. Started once per test process, stopped when it exits.
///
/// Run as root (CI), the server runs as `nobody`: PostgreSQL refuses to run
/// as root. Tests skip, saying why, when the binaries are absent, unless
/// `SPECK_REQUIRE_PG` is set; then that is a failure.
final class PostgresTestServer: @unchecked Sendable {
    let folder: String
    let port: Int
    private let binaries: String
    /// Added to the server's command line (a TLS server's settings).
    private let extraOptions: String

    nonisolated(unsafe) private static var started: Result<PostgresTestServer, any Error>?
    private static let lock = NSLock()

    /// The shared server, started on first use.
    static func shared() throws -> PostgresTestServer {
        lock.lock()
        defer { lock.unlock() }
        if started == nil {
            started = Result { try PostgresTestServer() }
            if case .success = started { atexit { PostgresTestServer.stopShared() } }
        }
        return try started!.get()
    }

    private static func stopShared() {
        if case .success(let server)? = started { server.stop() }
    }

    /// A server of its own (the tests share `shared()`); `stop()` it when done.
    init(extraOptions: String = "") throws {
        guard let binaries = Self.findBinaries() else {
            let reason = "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in /usr/lib/postgresql/*/bin "
                + "or $SPECK_PG_BIN; install Debian's `postgresql` package"
            if ProcessInfo.processInfo.environment["SPECK_REQUIRE_PG"].map({ !$0.isEmpty }) ?? false {
                throw ServerError(message: reason + " (SPECK_REQUIRE_PG is set, so this is a failure)")
            }
            throw XCTSkip(reason)
        }
        self.binaries = binaries
        self.extraOptions = extraOptions
        // Short path: a unix socket path must stay under 108 bytes.
        folder = "/tmp/speck-pg-" + String(UUID().uuidString.prefix(8))
        port = 20_000 + Int.random(in: 0 ..< 40_000)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 { try run("/bin/chown", ["nobody:nogroup", folder]) }
        try run(binaries + "/initdb", ["-D", folder + "/data", "-U", "speck", "--auth=trust", "-E", "UTF8", "--no-sync"],
                asServerUser: true)
        try run(binaries + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o", serverOptions,
                                       "start"], asServerUser: true)
    }

    /// A new empty database on the server, as a connection string.
    func newDatabase() throws -> String {
        let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try PostgresSession(address: try StoreAddress(parsing: address(database: "postgres")))
        try admin.withStatements { try $0.execute("CREATE DATABASE \(name)") }
        return address(database: name)
    }

    func address(database: String, user: String = "speck") -> String {
        "postgresql://\(user)@localhost/\(database)?host=\(folder)&port=\(port)"
    }

    /// Stops the server at once (as a crash or a power cut would) and starts it again.
    func restart() throws {
        try run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "restart", "-o", serverOptions],
                asServerUser: true)
    }

    private var serverOptions: String {
        "-c listen_addresses= -k \(folder) -p \(port) -c fsync=off -c max_connections=60 " + extraOptions
    }

    func stop() {
        try? run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"], asServerUser: true)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the server at once and starts it again `seconds` later: an outage longer than a restart.
    func restart(downFor seconds: Double) throws {
        try run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"], asServerUser: true)
        Thread.sleep(forTimeInterval: seconds)
        try run(binaries + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o", serverOptions, "start"],
                asServerUser: true)
    }

    private static func findBinaries() -> String? {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["SPECK_PG_BIN"] { candidates.append(explicit) }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        return candidates.first { folder in
            ["initdb", "pg_ctl", "postgres"].allSatisfy { fileManager.isExecutableFile(atPath: folder + "/" + $0) }
        }
    }

    /// Runs a server program; as root, as `nobody` through setpriv. Spawned
    /// and reaped here: Foundation's `Process` never saw pg_ctl exit once it
    /// had changed user, and waited forever.
    private func run(_ program: String, _ arguments: [String], asServerUser: Bool = false) throws {
        let argv = (asServerUser && geteuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", program] : [program]) + arguments
        let outputPath = NSTemporaryDirectory() + "speck-pg-command-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw ServerError(message: "\(argv[0]) could not be started: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // Exited normally (no signal) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw ServerError(message: "\(argv.joined(separator: " ")) failed (wait status \(status)): \(text)\n\(log.suffix(2000))")
        }
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
