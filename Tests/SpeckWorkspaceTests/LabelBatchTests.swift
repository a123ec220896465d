import GRDB
import XCTest
@testable import SpeckWorkspace

final class LabelBatchTests: XCTestCase {
    private func makeWorkspace(_ files: [String]) throws -> (TemporaryFolder, Workspace, [String: ImageRecord]) {
        let folder = try TemporaryFolder()
        for file in files { try folder.write(file) }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let rows = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0) })
        return (folder, workspace, rows)
    }

    private func labels(_ workspace: Workspace) throws -> [String: LabelVerdict] {
        Dictionary(uniqueKeysWithValues: try workspace.currentLabels().map { ($0.path, $0.verdict) })
    }

    func testUndoingOneImageOfABatchRestoresEveryImageOfIt() throws {
        let (folder, workspace, rows) = try makeWorkspace(["a.png", "b.png", "c.png", "d.png"])
        defer { withExtendedLifetime(folder) {} }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.label([rows["a.png"]!], as: .normal, note: "glare", at: start)
        let batch = try workspace.labelBatch([rows["a.png"]!, rows["b.png"]!, rows["c.png"]!], as: .anomalous,
                                             at: start.addingTimeInterval(1))
        XCTAssertEqual(Set(batch.records.map(\.batchId)), [batch.batchId])
        XCTAssertEqual(try labels(workspace), ["a.png": .anomalous, "b.png": .anomalous, "c.png": .anomalous])
        XCTAssertEqual(try workspace.labelBatch([rows["d.png"]!], as: .normal, at: start.addingTimeInterval(2)).batchId,
                       batch.batchId + 1, "each batch gets its own number")

        let undo = try workspace.undoLabel(imageId: rows["b.png"]!.id!, at: start.addingTimeInterval(3))
        XCTAssertEqual(undo.batchId, batch.batchId)
        XCTAssertEqual(undo.restored, [rows["a.png"]!.id!: .normal, rows["b.png"]!.id!: .cleared, rows["c.png"]!.id!: .cleared])
        XCTAssertEqual(try labels(workspace), ["a.png": .normal, "d.png": .normal],
                       "a is back to its label before the batch; d, another batch, is untouched")
        XCTAssertEqual(try workspace.currentLabels().first { $0.path == "a.png" }?.note, "glare")
        XCTAssertEqual(try workspace.labelHistory().count, 1 + 3 + 1 + 3, "the undo adds rows, it never deletes")
    }

    func testAnImageRelabelledAfterTheBatchKeepsItsNewLabel() throws {
        let (folder, workspace, rows) = try makeWorkspace(["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.labelBatch([rows["a.png"]!, rows["b.png"]!], as: .normal, at: start)
        try workspace.label([rows["b.png"]!], as: .anomalous, at: start.addingTimeInterval(1))
        let undo = try workspace.undoLabel(imageId: rows["a.png"]!.id!, at: start.addingTimeInterval(2))
        XCTAssertEqual(undo.restored, [rows["a.png"]!.id!: .cleared])
        XCTAssertEqual(try labels(workspace), ["b.png": .anomalous])
    }

    func testASingleLabelIsClearedAndNothingIsUndoneTwice() throws {
        let (folder, workspace, rows) = try makeWorkspace(["a.png"])
        defer { withExtendedLifetime(folder) {} }
        try workspace.label([rows["a.png"]!], as: .normal)
        XCTAssertEqual(try workspace.undoLabel(imageId: rows["a.png"]!.id!), LabelUndo(batchId: nil, restored: [rows["a.png"]!.id!: .cleared]))
        XCTAssertEqual(try workspace.undoLabel(imageId: rows["a.png"]!.id!), LabelUndo(batchId: nil, restored: [:]))
        XCTAssertEqual(try workspace.labelHistory().map(\.verdict), [.normal, .cleared])
    }

    func testABatchIsOneTransactionAllOrNone() throws {
        let (folder, workspace, rows) = try makeWorkspace(["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        var gone = rows["b.png"]!
        gone.id = 9_999  // no such image: its label row breaks the foreign key
        XCTAssertThrowsError(try workspace.labelBatch([rows["a.png"]!, gone], as: .normal))
        XCTAssertEqual(try workspace.labelHistory().count, 0, "the first image's label was rolled back with the batch")
    }
}
