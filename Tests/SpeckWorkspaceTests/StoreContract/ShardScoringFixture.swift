import Foundation
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// A PostgreSQL workspace over `copies` copies of the repository's sample test
/// images (39 each), with an LBP model fitted on the sample training images by
/// the built binary: what the crash, restart and job-script tests score.
/// Each `newModel()` records the same fitted file again, so one workspace
/// holds an uninterrupted reference run and the runs under test side by side.
final class ShardScoringFixture {
    let binary: String
    let folder: TemporaryFolder
    let address: String
    let imageRoot: String
    let workspace: Workspace
    private let modelPath: String

    static var sampleImages: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-images").path
    }

    init(server: PostgresTestServer, copies: Int) throws {
        binary = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        folder = try TemporaryFolder()
        imageRoot = folder.path + "/images"
        let manager = FileManager.default
        try manager.createDirectory(atPath: imageRoot, withIntermediateDirectories: true)
        for copy in 0 ..< copies {
            try manager.copyItem(atPath: Self.sampleImages + "/test", toPath: imageRoot + "/copy\(copy)")
        }
        modelPath = folder.path + "/lbp.speck"
        let trained = try KillableProcess.run([binary, "train", Self.sampleImages, "--detector", "lbp", "--out", modelPath],
                                           outputFolder: folder.path)
        guard trained.exitStatus == 0 else { throw FixtureError(message: "speck train failed: \(trained.errorOutput)") }
        address = try server.newDatabase()
        workspace = try Workspace.create(imageRoot: imageRoot, store: try StoreAddress(parsing: address),
                                         blobs: folder.path + "/blobs")
        try Rescanner(workspace: workspace).rescan()
    }

    /// The fitted LBP file recorded as a new workspace model (m1, m2, ...).
    func newModel() throws -> ModelRecord {
        try workspace.saveModel(try ModelFile.read(from: URL(fileURLWithPath: modelPath)), trainingImageIds: [],
                                fitSeconds: 0)
    }

    /// A new model scored over every image by one unsharded, uninterrupted
    /// run: the scores the tests compare with, and the run (its length).
    func referenceRun() throws -> (model: ModelRecord, run: KillableProcess.Finished, scores: [Int64: ScoreRecord]) {
        let model = try newModel()
        let run = try KillableProcess.run(scoreArguments(model), outputFolder: folder.path)
        guard run.exitStatus == 0 else { throw FixtureError(message: "the reference run failed: \(run.errorOutput)") }
        return (model, run, try scores(of: model))
    }

    /// `speck score MODEL IMAGES --store URL [EXTRA...]` as a child process.
    func scoreArguments(_ model: ModelRecord, _ extra: [String] = []) -> [String] {
        [binary, "score", model.name, imageRoot, "--store", address] + extra
    }

    /// The scores `model` has in the store, read afresh (as another machine would).
    func scores(of model: ModelRecord) throws -> [Int64: ScoreRecord] {
        try Workspace.open(try StoreAddress(parsing: address)).scores(modelId: model.id!)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
