import Foundation
import GRDB
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// Nothing lost: a separate `speck debug crash-writer` process writes 1,000
/// labels (one transaction each) and saves a model, printing each write once
/// committed; it is SIGKILLed at a random moment. The reopened workspace
/// must hold every reported write, pass `PRAGMA integrity_check`, and have no
/// torn model file. `scripts/crash-soak.sh` runs the same check for longer.
final class CrashHarnessTests: XCTestCase {
    func testEveryReportedWriteSurvivesSIGKILLAtRandomMoments() throws {
        let binary = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        let trials = Int(ProcessInfo.processInfo.environment["SPECK_CRASH_TRIALS"] ?? "") ?? 50
        let seed = UInt64(ProcessInfo.processInfo.environment["SPECK_CRASH_SEED"] ?? "")
            ?? UInt64.random(in: 1 ... 1_000_000)
        var random = SplitMix64(seed: seed)
        var interrupted = 0, killedBeforeModel = 0, killedAfterModel = 0
        var fullRun = 0.0
        // Rounds of 50 trials, each on a fresh workspace, keep long soaks linear in time.
        for round in stride(from: 0, to: trials, by: 50) {
            let folder = try TemporaryFolder()
            for i in 0 ..< 20 { try folder.write("good/\(i).png", "image \(i)") }
            let created = try Workspace.create(imageRoot: folder.path)
            try Rescanner(workspace: created).rescan()
            try created.database.close()
            let store = created.location.storeFolder
            let writer = CrashWriter(binary: binary, storeFolder: store.path)

            // One uninterrupted run: it must complete, and its length bounds the kill moments.
            let full = try writer.run(tag: "r\(round)-full", killAfter: nil)
            XCTAssertEqual(full.labels.count, 1000, full.errorOutput)
            XCTAssertEqual(full.models.count, 1, full.errorOutput)
            fullRun = max(fullRun, full.seconds)
            var checked = Checked()
            try verify(store, holds: full, &checked)

            for trial in round ..< min(round + 50, trials) {
                let delay = Double(random.next() % 1_000_000) / 1_000_000 * full.seconds
                let result = try writer.run(tag: "t\(trial)", killAfter: delay)
                let context = "trial \(trial), kill after \(Int(delay * 1000)) ms, seed \(seed)"
                XCTAssertTrue(result.killed || result.labels.count == 1000, "\(context): \(result.errorOutput)")
                if result.labels.count < 1000 { interrupted += 1 }
                if result.models.isEmpty { killedBeforeModel += 1 } else { killedAfterModel += 1 }
                try verify(store, holds: result, &checked, context)
            }
        }
        print("crash harness: \(trials) kills within runs of up to \(Int(fullRun * 1000)) ms (seed \(seed)): "
            + "\(interrupted) mid-run, \(killedBeforeModel) before the model save, all clean")
        XCTAssertGreaterThan(interrupted, trials / 2, "most kills must land mid-run (seed \(seed))")
        XCTAssertGreaterThan(killedBeforeModel, 0, "some kills before the model save (seed \(seed))")
        XCTAssertGreaterThan(killedAfterModel, 0, "some kills after the model save (seed \(seed))")
    }

    /// What earlier trials reported, and model files already read whole (they never change after the rename).
    private struct Checked {
        var labels = Set<String>()
        var modelFiles = Set<String>()
    }

    /// Reopens the workspace and checks it holds everything reported so far.
    private func verify(_ store: URL, holds result: CrashWriter.Result, _ checked: inout Checked,
                        _ context: String = "full run") throws {
        let workspace = try Workspace.open(storeFolder: store)
        defer { try? workspace.database.close() }
        let integrity = try workspace.database.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(integrity, ["ok"], context)

        let stored = try workspace.database.read { db in
            Set(try Row.fetchAll(db, sql: "SELECT imageId, verdict, note FROM label").map {
                "\($0["imageId"] as Int64) \($0["verdict"] as String) \($0["note"] as String)"
            })
        }
        checked.labels.formUnion(result.labels)
        let lost = checked.labels.subtracting(stored)
        XCTAssertTrue(lost.isEmpty, "\(context): \(lost.count) reported labels lost, e.g. \(lost.prefix(3))")

        let models = try workspace.models()
        for name in result.models {
            XCTAssertTrue(models.contains { $0.name == name }, "\(context): reported model \(name) not recorded")
        }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: workspace.location.modelsFolder.path)
            .filter { !$0.hasPrefix(".") })
        for model in models {
            XCTAssertTrue(files.contains(model.file), "\(context): recorded model \(model.name) has no file")
        }
        for file in files.subtracting(checked.modelFiles) {
            XCTAssertNoThrow(try ModelFile.read(from: workspace.location.modelsFolder.appendingPathComponent(file)),
                             "\(context): torn model file \(file)")
            checked.modelFiles.insert(file)
        }
    }
}

/// Runs `speck debug crash-writer` and collects what it reported.
struct CrashWriter {
    let binary: String
    /// Where the workspace is: `--workspace DIR` or `--store URL`.
    let workspaceArguments: [String]
    /// Where the writer's output files go while it runs.
    let scratchFolder: String
    var labels = 1000
    var modelAfter = 500

    init(binary: String, storeFolder: String) {
        self.init(binary: binary, workspaceArguments: ["--workspace", storeFolder], scratchFolder: storeFolder + "/..")
    }

    init(binary: String, workspaceArguments: [String], scratchFolder: String) {
        self.binary = binary
        self.workspaceArguments = workspaceArguments
        self.scratchFolder = scratchFolder
    }

    struct Result {
        var labels: [String] = []
        var models: [String] = []
        var killed = false
        var seconds = 0.0
        var errorOutput = ""
    }

    func run(tag: String, killAfter delay: Double?) throws -> Result {
        let arguments = [binary, "debug", "crash-writer", "--tag", tag, "--model-values", "262144",
                         "--labels", String(labels), "--model-after", String(modelAfter)] + workspaceArguments
        let finished = try KillableProcess.run(arguments, outputFolder: scratchFolder, killAfter: delay)
        var result = Result(killed: finished.killed, seconds: finished.seconds, errorOutput: finished.errorOutput)
        // A line without its newline was cut by the kill: it was never reported.
        for line in finished.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("label ") { result.labels.append(String(line.dropFirst(6))) }
            if line.hasPrefix("model ") { result.models.append(String(line.dropFirst(6))) }
        }
        return result
    }
}

/// A small seeded generator, so a failing run can be repeated with SPECK_CRASH_SEED.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
