import Foundation
import XCTest
@testable import SpeckWorkspace

/// A password in the connection string (or PGPASSWORD) is used to connect and
/// nowhere else: not on screen, not in errors, not in the database, not in
/// the blobs folder.
final class PostgresPasswordTests: XCTestCase {
    private let secret = "pw-" + String(UUID().uuidString.prefix(8))

    func testThePasswordIsNeitherShownNorStored() throws {
        let server = try PostgresTestServer.shared()
        let withPassword = try server.newDatabase().replacingOccurrences(of: "speck@", with: "speck:\(secret)@")
        let address = try StoreAddress(parsing: withPassword)
        XCTAssertEqual(address.password, secret, "the password is read, for connecting")
        XCTAssertFalse(address.description.contains(secret))

        let folder = try TemporaryFolder()
        try folder.write("a.png")
        let workspace = try Workspace.create(imageRoot: folder.path, store: address, blobs: folder.path + "/.blobs")
        try Rescanner(workspace: workspace).rescan()
        try StoreFixtures.recordModel(in: workspace)
        XCTAssertFalse(workspace.storeDescription.contains(secret))
        let session = try XCTUnwrap(workspace.store as? PostgresStore).session
        let stored = try session.withStatements { sql in
            try sql.rows("SELECT key || ' ' || value FROM setting").map { try $0.decode(String.self) }
                + sql.rows("SELECT parameters || file FROM model").map { try $0.decode(String.self) }
        }
        XCTAssertFalse(stored.isEmpty)
        XCTAssertFalse(stored.contains { $0.contains(secret) }, "\(stored)")
        try assertNoFile(under: folder.path + "/.blobs", contains: secret)
    }

    func testErrorsNeverShowThePassword() throws {
        let unparsable = "postgresql://speck:\(secret)@localhost/db?sslmode=sometimes"
        XCTAssertThrowsError(try StoreAddress(parsing: unparsable)) { error in
            XCTAssertTrue("\(error)".contains("sslmode"), "\(error)")
            XCTAssertFalse("\(error)".contains(secret), "\(error)")
        }
        let nowhere = try StoreAddress(parsing: "postgresql://speck:\(secret)@localhost/db?host=/nonexistent&port=1")
        XCTAssertThrowsError(try Workspace.open(nowhere)) { error in
            XCTAssertTrue("\(error)".contains("postgresql://speck@localhost/db"), "\(error)")
            XCTAssertFalse("\(error)".contains(secret), "\(error)")
        }
    }

    /// `speck init --store` with PGPASSWORD, then other commands through
    /// SPECK_STORE: everything works, nothing printed holds the password.
    func testTheCommandLineWorksThroughTheStoreAndNeverPrintsThePassword() throws {
        let server = try PostgresTestServer.shared()
        let binary = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        let address = try server.newDatabase()
        let withPassword = address.replacingOccurrences(of: "speck@", with: "speck:\(secret)@")
        let folder = try TemporaryFolder()
        try folder.write("good/a.png")
        try folder.write("good/b.png")
        let blobs = folder.path + "/.blobs"

        let initialised = try run(binary, ["init", folder.path, "--store", withPassword, "--blobs", blobs])
        XCTAssertEqual(initialised.status, 0, initialised.output)
        XCTAssertTrue(initialised.output.contains("postgresql://speck@localhost/"), initialised.output)
        XCTAssertTrue(initialised.output.contains("2 images: 2 new"), initialised.output)

        let environment = ["SPECK_STORE": address, "PGPASSWORD": secret, "USER": "carol"]
        let labelled = try run(binary, ["label", folder.path + "/good/a.png", "--anomalous", "--note", "dent"],
                               environment: environment)
        XCTAssertEqual(labelled.status, 0, labelled.output)
        let listed = try run(binary, ["labels", "list"], environment: environment)
        XCTAssertTrue(listed.output.contains("anomalous") && listed.output.contains("carol")
                      && listed.output.contains("good/a.png"), listed.output)
        let failed = try run(binary, ["labels", "list", "--store", withPassword.replacingOccurrences(of: "port=", with: "port=1")])
        XCTAssertNotEqual(failed.status, 0, failed.output)

        for result in [initialised, labelled, listed, failed] {
            XCTAssertFalse(result.output.contains(secret), result.output)
        }
        try assertNoFile(under: blobs, contains: secret)
    }

    private func assertNoFile(under folder: String, contains text: String, file: StaticString = #filePath,
                              line: UInt = #line) throws {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for relative in files {
            guard let data = FileManager.default.contents(atPath: folder + "/" + relative) else { continue }
            XCTAssertNil(data.range(of: Data(text.utf8)), "\(relative) holds the password", file: file, line: line)
        }
    }

    private func run(_ binary: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "SPECK_STORE")
        merged.removeValue(forKey: "PGPASSWORD")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
