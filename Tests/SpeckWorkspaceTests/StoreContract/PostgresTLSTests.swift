import Foundation
import XCTest
@testable import SpeckWorkspace

/// TLS from the connection string, against a private server started with
/// ssl=on and certificates made for the test (openssl): `require` encrypts,
/// `verify-full` checks the certificate against `sslrootcert` and the host
/// name, and a failed check says why without showing the password.
final class PostgresTLSTests: XCTestCase {
    private static let password = "pw-" + String(UUID().uuidString.prefix(8))
    private var certificates: TLSCertificates { get throws { try TLSServer.shared.get().certificates } }
    private var server: PostgresTestServer { get throws { try TLSServer.shared.get().server } }

    /// A TCP connection string for a new database on the TLS server.
    private func address(_ query: String) throws -> StoreAddress {
        let name = try XCTUnwrap(URLComponents(string: try server.newDatabase())?.path.dropFirst())
        return try StoreAddress(parsing: "postgresql://speck:\(Self.password)@localhost:\(try server.port)/\(name)?\(query)")
    }

    private func encrypted(_ workspace: Workspace) throws -> Bool {
        let session = try XCTUnwrap(workspace.store as? PostgresStore).session
        return try session.withStatements { sql in
            try sql.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self)
        }
    }

    func testRequireEncryptsWithoutCheckingTheCertificate() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.png")
        let workspace = try Workspace.create(imageRoot: folder.path, store: try address("sslmode=require"),
                                             blobs: folder.path + "/blobs")
        try Rescanner(workspace: workspace).rescan()
        XCTAssertEqual(try workspace.images().map(\.path), ["a.png"])
        XCTAssertTrue(try encrypted(workspace), "the connection is encrypted")
        XCTAssertFalse(workspace.storeDescription.contains(Self.password))
    }

    func testVerifyFullAcceptsTheRightAuthorityAndRefusesAnother() throws {
        let folder = try TemporaryFolder()
        let right = try address("sslmode=verify-full&sslrootcert=\(certificates.folder)/ca.crt")
        let workspace = try Workspace.create(imageRoot: folder.path, store: right, blobs: folder.path + "/blobs")
        XCTAssertTrue(try encrypted(workspace))

        let wrong = try address("sslmode=verify-full&sslrootcert=\(certificates.folder)/other-ca.crt")
        XCTAssertThrowsError(try Workspace.create(imageRoot: folder.path, store: wrong, blobs: folder.path + "/blobs")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("certificate"), "the reason is named: \(text)")
            XCTAssertTrue(text.contains("postgresql://speck@localhost:"), "the store is named: \(text)")
            XCTAssertFalse(text.contains(Self.password), "no password in errors: \(text)")
        }
        let missing = try address("sslmode=verify-full&sslrootcert=\(certificates.folder)/absent.crt")
        XCTAssertThrowsError(try Workspace.open(missing)) { error in
            XCTAssertTrue("\(error)".contains("absent.crt cannot be read"), "\(error)")
            XCTAssertFalse("\(error)".contains(Self.password), "\(error)")
        }
    }
}

/// One TLS server for these tests, started on first use, stopped at exit.
private final class TLSServer: Sendable {
    let certificates: TLSCertificates
    let server: PostgresTestServer

    static let shared: Result<TLSServer, any Error> = Result {
        let started = try TLSServer()
        atexit { if case .success(let tls) = TLSServer.shared { tls.server.stop(); tls.certificates.remove() } }
        return started
    }

    private init() throws {
        certificates = try TLSCertificates()
        server = try PostgresTestServer(extraOptions: "-c listen_addresses=localhost -c ssl=on "
            + "-c ssl_cert_file=\(certificates.folder)/server.crt -c ssl_key_file=\(certificates.folder)/server.key")
    }
}

/// A certificate authority, a server certificate it signed for `localhost`,
/// and a second, unrelated authority; made with openssl in a folder the
/// server (run as `nobody` under root) can read.
private struct TLSCertificates: Sendable {
    let folder = "/tmp/speck-tls-" + String(UUID().uuidString.prefix(8))

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw XCTSkip("openssl is not installed") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try "subjectAltName=DNS:localhost\n".write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        for authority in ["ca", "other-ca"] {
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=speck test \(authority)",
                         "-keyout", "\(authority).key", "-out", "\(authority).crt"])
        }
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"])
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                     "-extfile", "server.ext", "-out", "server.crt"])
        // PostgreSQL reads a key only when its owner alone may.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder + "/server.key")
        if geteuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: folder + "/server.key")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresTestServer.ServerError(message: "openssl \(arguments.joined(separator: " ")) failed")
        }
    }
}
