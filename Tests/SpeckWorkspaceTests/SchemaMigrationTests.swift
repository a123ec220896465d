import GRDB
import SpeckEvaluation
import XCTest
@testable import SpeckWorkspace

/// A workspace written by the first released schema (v1) must open, migrate
/// and keep its data. The fixture below is frozen SQL of what v1 wrote; it is
/// deliberately not shared with the migration code.
final class SchemaMigrationTests: XCTestCase {
    func testAVersion1WorkspaceOpensAndMigratesKeepingItsData() throws {
        let folder = try TemporaryFolder()
        try folder.write("train/good/000.png")
        let store = folder.path + "/.speck"
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try makeVersion1Workspace(at: store + "/speck.sqlite")

        let workspace = try Workspace.open(storeFolder: URL(fileURLWithPath: store))
        XCTAssertEqual(try workspace.appliedMigrations(), ["v1", "v2-scoring-time-and-score-order", "v3-covering-score-index", "v4-ranked-score-index",
                                                        "v5-threshold-targets", "v6-label-batches"])
        XCTAssertEqual(try workspace.images().map(\.path), ["train/good/000.png"])
        let labels = try workspace.currentLabels()
        XCTAssertEqual(labels.map(\.verdict), [.anomalous], "the newest of the two v1 labels wins")
        XCTAssertEqual(labels.first?.author, "alice")
        XCTAssertEqual(try workspace.database.read { try LabelRecord.fetchAll($0) }.map(\.batchId), [nil, nil],
                       "v1 labels read as single labels after v6")
        let model = try workspace.model(named: "m1")
        XCTAssertEqual(model.detector, "lbp")
        let score = try XCTUnwrap(try workspace.scores(modelId: model.id!)[1])
        XCTAssertEqual(score.raw, 0.75)
        XCTAssertNil(score.scoringSeconds, "a column added by v2 reads as nil for old rows")
        XCTAssertEqual(try workspace.currentThreshold(modelId: model.id!)?.method, .autoF1)
        let indexes = try workspace.database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        XCTAssertTrue(indexes.contains("scoreRanking"))
        XCTAssertFalse(indexes.contains("scoreListing"))
        XCTAssertFalse(indexes.contains("scoreByModelAndRaw"))

        // New writes work on the migrated schema.
        try workspace.saveScores([ScoredImage(imageId: 1, raw: 0.5, normalised: 0.4, seconds: 0.01)], modelId: model.id!)
        XCTAssertEqual(try workspace.scores(modelId: model.id!)[1]?.scoringSeconds, 0.01)
        XCTAssertTrue(indexes.contains("thresholdByModel"), "v5 rebuilt the threshold table with its index")
        try workspace.setThreshold(modelId: model.id!, value: 0.4, method: .targetRecall, target: "recall=1")
        let target = try XCTUnwrap(try workspace.currentThreshold(modelId: model.id!))
        XCTAssertEqual([target.method.rawValue, target.target], ["target-recall", "recall=1"])
        XCTAssertEqual(target.thresholdTarget, .recall(1))
    }

    func testAWorkspaceFromANewerSpeckIsRefusedClearly() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.create(imageRoot: folder.path)
        try workspace.database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try workspace.database.close()
        XCTAssertThrowsError(try Workspace.open(storeFolder: workspace.location.storeFolder)) { error in
            XCTAssertEqual(error as? WorkspaceError, .madeByNewerSpeck(workspace.location.storeFolder.path))
        }
    }

    private func makeVersion1Workspace(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE image (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL, mtimeNanoseconds INTEGER NOT NULL, contentHash TEXT, width INTEGER,
                    height INTEGER, decodeStatus TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (decodeStatus IN ('unknown', 'ok', 'failed')), decodeError TEXT,
                    addedAt DATETIME NOT NULL, missingSince DATETIME);
                CREATE TABLE model (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
                    detector TEXT NOT NULL, backbone TEXT, parameters TEXT NOT NULL,
                    trainingImageCount INTEGER NOT NULL, fitSeconds DOUBLE NOT NULL, file TEXT NOT NULL,
                    createdAt DATETIME NOT NULL, parentId INTEGER REFERENCES model(id) ON DELETE SET NULL);
                CREATE TABLE modelTrainingImage (modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE, PRIMARY KEY (modelId, imageId));
                CREATE TABLE score (modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE, raw DOUBLE NOT NULL,
                    normalised DOUBLE, mapFile TEXT, scoredAt DATETIME NOT NULL, PRIMARY KEY (modelId, imageId));
                CREATE INDEX scoreByImage ON score(imageId);
                CREATE TABLE label (id INTEGER PRIMARY KEY AUTOINCREMENT,
                    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
                    verdict TEXT NOT NULL CHECK (verdict IN ('normal', 'anomalous', 'cleared')), note TEXT,
                    author TEXT NOT NULL, createdAt DATETIME NOT NULL);
                CREATE INDEX labelByImage ON label(imageId, createdAt, id);
                CREATE TABLE threshold (id INTEGER PRIMARY KEY AUTOINCREMENT,
                    modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE, value DOUBLE NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('auto-f1', 'normal-quantile', 'manual')), detail TEXT,
                    createdAt DATETIME NOT NULL);
                CREATE INDEX thresholdByModel ON threshold(modelId, createdAt, id);

                INSERT INTO setting VALUES ('imageRoot', '..');
                INSERT INTO image (path, size, mtimeNanoseconds, contentHash, addedAt)
                    VALUES ('train/good/000.png', 16, 1700000000000000000, 'abc', '2025-01-02 03:04:05.000');
                INSERT INTO model (name, detector, parameters, trainingImageCount, fitSeconds, file, createdAt)
                    VALUES ('m1', 'lbp', '{}', 1, 0.5, 'm1.speckmodel', '2025-01-02 03:05:00.000');
                INSERT INTO modelTrainingImage VALUES (1, 1);
                INSERT INTO score (modelId, imageId, raw, normalised, scoredAt)
                    VALUES (1, 1, 0.75, 0.6, '2025-01-02 03:06:00.000');
                INSERT INTO label (imageId, verdict, author, createdAt) VALUES (1, 'normal', 'bob', '2025-01-02 03:07:00.000');
                INSERT INTO label (imageId, verdict, note, author, createdAt)
                    VALUES (1, 'anomalous', 'tiny scratch', 'alice', '2025-01-02 03:08:00.000');
                INSERT INTO threshold (modelId, value, method, createdAt) VALUES (1, 0.7, 'auto-f1', '2025-01-02 03:05:00.000');
                """)
        }
        try queue.close()
    }
}
