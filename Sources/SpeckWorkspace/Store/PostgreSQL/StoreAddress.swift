import Foundation

/// Where a team's workspace lives: a PostgreSQL connection string,
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=...][&sslrootcert=FILE][&host=/socket/folder]`
/// as libpq reads it. The password (from the string or `PGPASSWORD`) is kept
/// for connecting only: `description` never shows it, and it is never written
/// anywhere.
public struct StoreAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` says.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// The folder of the server's unix socket (`?host=/folder`), instead of TCP.
    public var socketFolder: String?
    public var sslMode: SSLMode
    /// The certificate authority that signed the server's certificate
    /// (`?sslrootcert=FILE`); checked with `verify-full` (default: the system's).
    public var rootCertificate: String?
    var password: String?

    public static let environmentVariable = "SPECK_STORE"

    /// Whether `text` names a PostgreSQL store rather than a folder.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isAddress(text), let components = URLComponents(string: text) else {
            throw WorkspaceError.badStoreAddress(Self.redacted(text), reason: "expected postgresql://USER@HOST/DB")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty else {
            throw WorkspaceError.badStoreAddress(Self.redacted(text), reason: "it names no database (…/DB)")
        }
        database = name.removingPercentEncoding ?? name
        if let socket = query["host"], socket.hasPrefix("/") {
            socketFolder = socket
            host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        } else {
            host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
        }
        let mode = query["sslmode"] ?? (socketFolder == nil ? "prefer" : "disable")
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw WorkspaceError.badStoreAddress(Self.redacted(text), reason: "sslmode \(mode) is not one of "
                + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.sslMode = sslMode
        rootCertificate = query["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The address a command uses: `explicit` (`--store`), else `SPECK_STORE`, else none (SQLite).
    public static func chosen(explicit: String?, environment: [String: String]) throws -> StoreAddress? {
        guard let text = explicit ?? environment[environmentVariable], !text.isEmpty else { return nil }
        return try StoreAddress(parsing: text, environment: environment)
    }

    /// The connection string without its password; it parses back to this address.
    public var description: String {
        var query = socketFolder.map { ["host=\($0)", "port=\(port)"] } ?? []
        query.append("sslmode=\(sslMode.rawValue)")
        if let rootCertificate { query.append("sslrootcert=\(rootCertificate)") }
        let server = socketFolder == nil ? "\(host):\(port)" : host
        return "postgresql://\(user)@\(server)/\(database)?" + query.joined(separator: "&")
    }

    /// `text` with any password replaced, for error messages about a string that did not parse.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"),
              let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[schemeEnd.upperBound ..< at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    public static func == (a: StoreAddress, b: StoreAddress) -> Bool { a.description == b.description }
}
