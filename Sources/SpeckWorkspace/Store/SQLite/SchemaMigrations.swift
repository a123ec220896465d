import GRDB

/// The workspace schema, one migration per released change. Migrations are
/// frozen once shipped: a workspace made by any older Speck opens and is
/// brought up to date; never edit an old step, add a new one.
enum SchemaMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        migrator.registerMigration("v2-scoring-time-and-score-order") { db in try db.execute(sql: v2) }
        migrator.registerMigration("v3-covering-score-index") { db in try db.execute(sql: v3) }
        migrator.registerMigration("v4-ranked-score-index") { db in try db.execute(sql: v4) }
        migrator.registerMigration("v5-threshold-targets") { db in try db.execute(sql: v5) }
        migrator.registerMigration("v6-label-batches") { db in try db.execute(sql: v6) }
        return migrator
    }

    /// The first schema: images, models (with lineage and training set),
    /// scores, label history, threshold history, settings.
    private static let v1 = """
        CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE image (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtimeNanoseconds INTEGER NOT NULL,
            contentHash TEXT,
            width INTEGER,
            height INTEGER,
            decodeStatus TEXT NOT NULL DEFAULT 'unknown' CHECK (decodeStatus IN ('unknown', 'ok', 'failed')),
            decodeError TEXT,
            addedAt DATETIME NOT NULL,
            missingSince DATETIME
        );
        CREATE TABLE model (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            detector TEXT NOT NULL,
            backbone TEXT,
            parameters TEXT NOT NULL,
            trainingImageCount INTEGER NOT NULL,
            fitSeconds DOUBLE NOT NULL,
            file TEXT NOT NULL,
            createdAt DATETIME NOT NULL,
            parentId INTEGER REFERENCES model(id) ON DELETE SET NULL
        );
        CREATE TABLE modelTrainingImage (
            modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            PRIMARY KEY (modelId, imageId)
        );
        CREATE TABLE score (
            modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            raw DOUBLE NOT NULL,
            normalised DOUBLE,
            mapFile TEXT,
            scoredAt DATETIME NOT NULL,
            PRIMARY KEY (modelId, imageId)
        );
        CREATE INDEX scoreByImage ON score(imageId);
        CREATE TABLE label (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL CHECK (verdict IN ('normal', 'anomalous', 'cleared')),
            note TEXT,
            author TEXT NOT NULL,
            createdAt DATETIME NOT NULL
        );
        CREATE INDEX labelByImage ON label(imageId, createdAt, id);
        CREATE TABLE threshold (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            value DOUBLE NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('auto-f1', 'normal-quantile', 'manual')),
            detail TEXT,
            createdAt DATETIME NOT NULL
        );
        CREATE INDEX thresholdByModel ON threshold(modelId, createdAt, id);
        """

    /// The workstation shows how long scoring took, and lists images sorted
    /// by score: an index on (model, raw score) serves that order directly.
    private static let v2 = """
        ALTER TABLE score ADD COLUMN scoringSeconds DOUBLE;
        CREATE INDEX scoreByModelAndRaw ON score(modelId, raw);
        """

    /// Listing 100,000 images reads one model's scores in a single pass: an
    /// index holding every listed column serves it without a table lookup per
    /// score (measured: the lookups were most of the listing's cost).
    private static let v3 = """
        DROP INDEX scoreByModelAndRaw;
        CREATE INDEX scoreListing ON score(modelId, imageId, raw, normalised);
        """

    /// The listing reads one model's scores already in rank order from a
    /// covering index, so no sort of 100,000 rows is left to do in memory.
    private static let v4 = """
        DROP INDEX scoreListing;
        CREATE INDEX scoreRanking ON score(modelId, raw DESC, imageId, normalised);
        """

    /// Thresholds chosen for a target recall, false-positive rate or precision:
    /// three new methods, and the target itself. SQLite cannot change a CHECK,
    /// so the table is rebuilt with its rows (ids kept).
    private static let v5 = """
        CREATE TABLE thresholdWithTargets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            value DOUBLE NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('auto-f1', 'normal-quantile', 'manual',
                                                   'target-recall', 'target-fpr', 'target-precision')),
            target TEXT,
            detail TEXT,
            createdAt DATETIME NOT NULL
        );
        INSERT INTO thresholdWithTargets (id, modelId, value, method, detail, createdAt)
            SELECT id, modelId, value, method, detail, createdAt FROM threshold;
        DROP TABLE threshold;
        ALTER TABLE thresholdWithTargets RENAME TO threshold;
        CREATE INDEX thresholdByModel ON threshold(modelId, createdAt, id);
        """

    /// Labels given in one step to several images share a batch number, so
    /// that the batch can be undone as one.
    private static let v6 = """
        ALTER TABLE label ADD COLUMN batchId INTEGER;
        CREATE INDEX labelByBatch ON label(batchId) WHERE batchId IS NOT NULL;
        """
}
