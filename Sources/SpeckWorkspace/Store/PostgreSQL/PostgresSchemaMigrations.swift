import PostgresNIO

/// The workspace schema in PostgreSQL: the same steps, under the same names,
/// as `SchemaMigrations` gives SQLite, in PostgreSQL's words (identity columns,
/// timestamptz, constraints changed in place). Frozen once shipped, like those.
enum PostgresSchemaMigrations {
    static let steps: [(identifier: String, sql: String)] = [
        ("v1", v1),
        ("v2-scoring-time-and-score-order", v2),
        ("v3-covering-score-index", v3),
        ("v4-ranked-score-index", v4),
        ("v5-threshold-targets", v5),
        ("v6-label-batches", v6),
    ]

    /// Brings the database up to date. An advisory lock makes a second Speck
    /// starting at the same moment wait instead of applying a step twice.
    static func migrate(_ session: PostgresSession) throws {
        try session.transaction { sql in
            try sql.execute("SELECT pg_advisory_xact_lock(5160016)")
            try sql.execute("CREATE TABLE IF NOT EXISTS schemaMigration (identifier TEXT PRIMARY KEY NOT NULL)")
            let applied = Set(try sql.rows("SELECT identifier FROM schemaMigration").map { try $0.decode(String.self) })
            if !applied.isSubset(of: steps.map(\.identifier)) {
                throw WorkspaceError.madeByNewerSpeck(session.address.description)
            }
            for step in steps where !applied.contains(step.identifier) {
                // The extended protocol takes one statement at a time.
                for statement in step.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                    try sql.execute(String(statement))
                }
                var binds = PostgresBindings()
                binds.append(step.identifier)
                try sql.execute("INSERT INTO schemaMigration (identifier) VALUES ($1)", binds)
            }
        }
    }

    static func applied(_ session: PostgresSession) throws -> [String] {
        try session.withStatements { sql in
            try sql.rows("SELECT identifier FROM schemaMigration").map { try $0.decode(String.self) }.sorted()
        }
    }

    private static let v1 = """
        CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE image (
            id BIGSERIAL PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size BIGINT NOT NULL,
            mtimeNanoseconds BIGINT NOT NULL,
            contentHash TEXT,
            width BIGINT,
            height BIGINT,
            decodeStatus TEXT NOT NULL DEFAULT 'unknown' CHECK (decodeStatus IN ('unknown', 'ok', 'failed')),
            decodeError TEXT,
            addedAt TIMESTAMPTZ NOT NULL,
            missingSince TIMESTAMPTZ
        );
        CREATE TABLE model (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            detector TEXT NOT NULL,
            backbone TEXT,
            parameters TEXT NOT NULL,
            trainingImageCount BIGINT NOT NULL,
            fitSeconds DOUBLE PRECISION NOT NULL,
            file TEXT NOT NULL,
            createdAt TIMESTAMPTZ NOT NULL,
            parentId BIGINT REFERENCES model(id) ON DELETE SET NULL
        );
        CREATE TABLE modelTrainingImage (
            modelId BIGINT NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            imageId BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            PRIMARY KEY (modelId, imageId)
        );
        CREATE TABLE score (
            modelId BIGINT NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            imageId BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            raw DOUBLE PRECISION NOT NULL,
            normalised DOUBLE PRECISION,
            mapFile TEXT,
            scoredAt TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (modelId, imageId)
        );
        CREATE INDEX scoreByImage ON score(imageId);
        CREATE TABLE label (
            id BIGSERIAL PRIMARY KEY,
            imageId BIGINT NOT NULL REFERENCES image(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL CHECK (verdict IN ('normal', 'anomalous', 'cleared')),
            note TEXT,
            author TEXT NOT NULL,
            createdAt TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX labelByImage ON label(imageId, createdAt, id);
        CREATE TABLE threshold (
            id BIGSERIAL PRIMARY KEY,
            modelId BIGINT NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            value DOUBLE PRECISION NOT NULL,
            method TEXT NOT NULL CONSTRAINT thresholdMethod CHECK (method IN ('auto-f1', 'normal-quantile', 'manual')),
            detail TEXT,
            createdAt TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX thresholdByModel ON threshold(modelId, createdAt, id)
        """

    private static let v2 = """
        ALTER TABLE score ADD COLUMN scoringSeconds DOUBLE PRECISION;
        CREATE INDEX scoreByModelAndRaw ON score(modelId, raw)
        """

    private static let v3 = """
        DROP INDEX scoreByModelAndRaw;
        CREATE INDEX scoreListing ON score(modelId, imageId, raw, normalised)
        """

    private static let v4 = """
        DROP INDEX scoreListing;
        CREATE INDEX scoreRanking ON score(modelId, raw DESC, imageId, normalised)
        """

    /// PostgreSQL changes a CHECK in place; no rebuild of the table.
    private static let v5 = """
        ALTER TABLE threshold ADD COLUMN target TEXT;
        ALTER TABLE threshold DROP CONSTRAINT thresholdMethod;
        ALTER TABLE threshold ADD CONSTRAINT thresholdMethod CHECK (method IN ('auto-f1', 'normal-quantile', 'manual',
                                                   'target-recall', 'target-fpr', 'target-precision'))
        """

    /// The batch a label was given in (numbered by the SQLite store so far; see `Workspace.labelBatch`).
    private static let v6 = """
        ALTER TABLE label ADD COLUMN batchId BIGINT;
        CREATE INDEX labelByBatch ON label(batchId) WHERE batchId IS NOT NULL
        """
}
