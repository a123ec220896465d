import Foundation
import XCTest

/// A private PostgreSQL server for the two-workstation tests: Debian's
/// server binaries on a fresh folder under /tmp, reachable through a unix
/// socket only, trust authentication for the user `speck`, one database
/// `team`. (The store tests' own server, `PostgresTestServer`, lives in
/// SpeckWorkspaceTests, out of this target's reach.) Skips without the
/// binaries unless `SPECK_REQUIRE_PG` is set.
final class TeamStoreServer {
    let folder = "/tmp/speck-tuipg-" + String(UUID().uuidString.prefix(8))
    let port = 20_000 + Int.random(in: 0 ..< 40_000)
    private let binaries: String

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let candidates = [ProcessInfo.processInfo.environment["SPECK_PG_BIN"]].compactMap { $0 }
            + versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        guard let binaries = candidates.first(where: { folder in
            ["initdb", "pg_ctl", "createdb"].allSatisfy { FileManager.default.isExecutableFile(atPath: folder + "/" + $0) }
        }) else {
            let reason = "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin or $SPECK_PG_BIN"
            if !(ProcessInfo.processInfo.environment["SPECK_REQUIRE_PG"] ?? "").isEmpty { throw TmuxSession.TmuxError.failed(reason) }
            throw XCTSkip(reason)
        }
        self.binaries = binaries
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 { try run(["/bin/chown", "nobody:nogroup", folder]) }
        try run([binaries + "/initdb", "-D", folder + "/data", "-U", "speck", "--auth=trust", "-E", "UTF8", "--no-sync"],
                asServerUser: true)
        try run([binaries + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o",
                 "-c listen_addresses= -k \(folder) -p \(port) -c fsync=off", "start"], asServerUser: true)
        try run([binaries + "/createdb", "-h", folder, "-p", "\(port)", "-U", "speck", "team"])
    }

    var address: String { "postgresql://speck@localhost/team?host=\(folder)&port=\(port)" }

    func stop() {
        try? run([binaries + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"], asServerUser: true)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a program to its end; as root, a server program runs as `nobody` (PostgreSQL refuses root).
    private func run(_ argv: [String], asServerUser: Bool = false) throws {
        let user = asServerUser && geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : []
        let status = try TmuxSession.spawnAndWait(user + argv)
        guard status == 0 else { throw TmuxSession.TmuxError.failed("\(argv.joined(separator: " ")) failed (wait status \(status))") }
    }
}
