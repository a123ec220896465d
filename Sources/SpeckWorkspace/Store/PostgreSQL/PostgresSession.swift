import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the server behind the workspace's synchronous API. Each
/// call holds the connection for its whole transaction, so threads of one
/// process (the workstation's list and a scoring run) take turns; a connection
/// the server dropped (a restart) is opened again on the next call.
final class PostgresSession: @unchecked Sendable {
    let address: StoreAddress
    private let lock = NSLock()
    private var connection: PostgresConnection?
    // Nothing of the connection is logged: its configuration holds the password.
    static let silent = Logger(label: "speck.store") { _ in SwiftLogNoOpLogHandler() }

    init(address: StoreAddress) throws {
        self.address = address
        try withStatements { _ in }
    }

    deinit { try? connection?.close().wait() }

    /// Runs `body` in one transaction (read committed), rolled back when it throws.
    func transaction<T>(_ body: (PostgresStatements) throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN", body)
    }

    /// Runs reads that must see one snapshot (a listing's three scans).
    func snapshot<T>(_ body: (PostgresStatements) throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` on the connection, outside any transaction. When the
    /// server dropped the connection (a restart), `body` runs once more on a
    /// new one: its transaction died with the old connection, uncommitted.
    func withStatements<T>(_ body: (PostgresStatements) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            // A connection the server dropped while this process was busy elsewhere: wait for the server as below.
            if connection?.isClosed ?? true { connection = try connection == nil ? newConnection() : reconnect() }
            do {
                return try body(PostgresStatements(connection: connection!, logger: Self.silent))
            } catch let error as PSQLError where error.code == .serverClosedConnection || error.code == .clientClosedConnection
                || connection!.isClosed {
                connection = try reconnect()
                return try body(PostgresStatements(connection: connection!, logger: Self.silent))
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError.storeFailed(address.description, reason: Self.reason(error))
        }
    }

    private func inTransaction<T>(begin: String, _ body: (PostgresStatements) throws -> T) throws -> T {
        try withStatements { statements in
            try statements.execute(begin)
            do {
                let result = try body(statements)
                try statements.execute("COMMIT")
                return result
            } catch {
                try? statements.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// A new connection once the server is back: a restarting server refuses
    /// connections for a few seconds.
    private func reconnect(attempts: Int = 30) throws -> PostgresConnection {
        for _ in 1 ..< attempts {
            if let connection = try? newConnection() { return connection }
            Thread.sleep(forTimeInterval: 1)
        }
        return try newConnection()
    }

    /// A connection of its own (the session's stays for its transactions).
    func newConnection() throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if let folder = address.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(address.port)", username: address.user,
                                  password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(10)
        return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                              configuration: configuration, id: 1, logger: Self.silent).wait()
    }

    /// libpq's sslmode: prefer tries TLS and falls back; require encrypts without
    /// checking the certificate; verify-full checks certificate and host name.
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.sslMode {
        case .disable:
            return .disable
        case .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            if let root = address.rootCertificate {
                guard FileManager.default.isReadableFile(atPath: root) else {
                    throw WorkspaceError.storeFailed(address.description, reason: "sslrootcert \(root) cannot be read")
                }
                tls.trustRoots = .file(root)
            }
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// The server's own words when it sent any (PSQLError hides them from `description`).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return message + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
        }
        if let underlying = error.underlying {
            if "\(underlying)".contains("CERTIFICATE_VERIFY_FAILED") {
                return "the server's TLS certificate was refused (CERTIFICATE_VERIFY_FAILED): it is not signed by the "
                    + "authority trusted (sslrootcert, else the system's) or not made for this host name"
            }
            return "\(error.code): \(underlying)"
        }
        return "\(error.code)"
    }
}

/// SQL on a held connection; `$1, $2, ...` take the values of `binds`.
struct PostgresStatements {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
    }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> Int {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().metadata.rows ?? 0
    }

    /// One INSERT of many rows: `rows` holds `columns` values per row, in order,
    /// sent in chunks that stay under the protocol's 65,535 parameters.
    func insert(_ head: String, columns: Int, rowCount: Int, tail: String = "",
                bind: (Int, inout PostgresBindings) throws -> Void) throws -> [PostgresRow] {
        var result: [PostgresRow] = []
        let chunk = max(1, 30_000 / columns)
        for start in stride(from: 0, to: rowCount, by: chunk) {
            let end = min(rowCount, start + chunk)
            var binds = PostgresBindings(capacity: (end - start) * columns)
            var values: [String] = []
            values.reserveCapacity(end - start)
            for row in start ..< end {
                try bind(row, &binds)
                let first = (row - start) * columns + 1
                values.append("(" + (first ..< first + columns).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            result += try rows(head + " VALUES " + values.joined(separator: ", ") + " " + tail, binds)
        }
        return result
    }
}
