import Foundation
import GRDB
import XCTest
@testable import SpeckWorkspace

/// Batches of labels (`V` range + f/a in the workstation) and their undo,
/// alike in both stores.
extension StoreContract {
    private func labelledWorkspace(_ files: [String]) throws -> (TemporaryFolder, Workspace, [String: ImageRecord]) {
        let (folder, workspace) = try workspace(files: files)
        let rows = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0) })
        return (folder, workspace, rows)
    }

    private func labels(_ workspace: Workspace) throws -> [String: LabelVerdict] {
        Dictionary(uniqueKeysWithValues: try workspace.currentLabels().map { ($0.path, $0.verdict) })
    }

    func undoingOneImageOfABatchRestoresEveryImageOfIt() throws {
        let (folder, workspace, rows) = try labelledWorkspace(["a.png", "b.png", "c.png", "d.png"])
        defer { withExtendedLifetime(folder) {} }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.label([rows["a.png"]!], as: .normal, note: "glare", at: start)
        let batch = try workspace.labelBatch([rows["a.png"]!, rows["b.png"]!, rows["c.png"]!], as: .anomalous,
                                             at: start.addingTimeInterval(1))
        XCTAssertEqual(Set(batch.records.map(\.batchId)), [batch.batchId])
        XCTAssertEqual(try labels(workspace), ["a.png": .anomalous, "b.png": .anomalous, "c.png": .anomalous])
        XCTAssertEqual(try workspace.labelBatch([rows["d.png"]!], as: .normal, at: start.addingTimeInterval(2)).batchId,
                       batch.batchId + 1, "each batch gets its own number")

        // Another workstation undoes it: the batch is in the store, not in the process that made it.
        let undo = try reopen(workspace).undoLabel(imageId: rows["b.png"]!.id!, at: start.addingTimeInterval(3))
        XCTAssertEqual(undo.batchId, batch.batchId)
        XCTAssertEqual(undo.restored, [rows["a.png"]!.id!: .normal, rows["b.png"]!.id!: .cleared, rows["c.png"]!.id!: .cleared])
        XCTAssertEqual(try labels(workspace), ["a.png": .normal, "d.png": .normal],
                       "a is back to its label before the batch; d, another batch, is untouched")
        XCTAssertEqual(try workspace.currentLabels().first { $0.path == "a.png" }?.note, "glare")
        XCTAssertEqual(try workspace.labelHistory().count, 1 + 3 + 1 + 3, "the undo adds rows, it never deletes")
    }

    func anImageRelabelledAfterTheBatchKeepsItsNewLabel() throws {
        let (folder, workspace, rows) = try labelledWorkspace(["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.labelBatch([rows["a.png"]!, rows["b.png"]!], as: .normal, at: start)
        try workspace.label([rows["b.png"]!], as: .anomalous, at: start.addingTimeInterval(1))
        let undo = try workspace.undoLabel(imageId: rows["a.png"]!.id!, at: start.addingTimeInterval(2))
        XCTAssertEqual(undo.restored, [rows["a.png"]!.id!: .cleared])
        XCTAssertEqual(try labels(workspace), ["b.png": .anomalous])
    }

    func aSingleLabelIsClearedAndNothingIsUndoneTwice() throws {
        let (folder, workspace, rows) = try labelledWorkspace(["a.png"])
        defer { withExtendedLifetime(folder) {} }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try workspace.label([rows["a.png"]!], as: .normal, at: start)
        XCTAssertEqual(try workspace.undoLabel(imageId: rows["a.png"]!.id!, at: start.addingTimeInterval(1)),
                       LabelUndo(batchId: nil, restored: [rows["a.png"]!.id!: .cleared]))
        XCTAssertEqual(try workspace.undoLabel(imageId: rows["a.png"]!.id!, at: start.addingTimeInterval(2)),
                       LabelUndo(batchId: nil, restored: [:]))
        XCTAssertEqual(try workspace.labelHistory().map(\.verdict), [.normal, .cleared])
    }

    func aBatchIsOneTransactionAllOrNone() throws {
        let (folder, workspace, rows) = try labelledWorkspace(["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        var gone = rows["b.png"]!
        gone.id = 9_999  // no such image: its label row breaks the foreign key
        XCTAssertThrowsError(try workspace.labelBatch([rows["a.png"]!, gone], as: .normal))
        XCTAssertEqual(try workspace.labelHistory().count, 0, "the first image's label was rolled back with the batch")
    }

    /// Two inspectors label batches at the same moment: no two batches share a number.
    func batchesOfTwoWritersAtOnceGetTheirOwnNumbers() throws {
        let (folder, workspace, rows) = try labelledWorkspace((0 ..< 6).map { "\($0).png" })
        defer { withExtendedLifetime(folder) {} }
        let images = rows.values.sorted { $0.path < $1.path }
        let writers = [try reopen(workspace), try reopen(workspace)]
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: writers.count) { index in
            for round in 0 ..< 10 {
                do {
                    try writers[index].labelBatch(Array(images[index * 3 ..< index * 3 + 3]),
                                                  as: round % 2 == 0 ? .normal : .anomalous, author: "writer\(index)")
                } catch { failures.append("writer\(index): \(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        let history = try workspace.labelHistory()
        XCTAssertEqual(history.count, 2 * 10 * 3)
        let batchSizes = try workspace.labelsPerBatch()
        XCTAssertEqual(batchSizes.count, 20, "twenty batches, twenty numbers")
        XCTAssertEqual(Set(batchSizes.values), [3], "each number holds one batch's three labels")
    }
}

extension Workspace {
    /// Batch number → how many label rows carry it, read from either store.
    fileprivate func labelsPerBatch() throws -> [Int64: Int] {
        let sql = "SELECT batchId, COUNT(*) FROM label WHERE batchId IS NOT NULL GROUP BY batchId"
        if let postgres = store as? PostgresStore {
            return try postgres.session.withStatements { statements in
                Dictionary(uniqueKeysWithValues: try statements.rows(sql).map { try $0.decode((Int64, Int).self) })
            }
        }
        return try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { (row: Row) in (row[0] as Int64, row[1] as Int) })
        }
    }
}
