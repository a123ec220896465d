import PostgresNIO

extension PostgresStore {
    /// Records a new workspace's settings in one transaction, or throws
    /// `alreadyExists` (changing nothing) when the database holds a workspace:
    /// of two `speck init`s at the same moment exactly one makes it. (The
    /// schema itself is made under `PostgresSchemaMigrations`' lock.)
    func recordNewWorkspace(settings: [(key: String, value: String)]) throws {
        try session.transaction { sql in
            for (key, value) in settings {
                // A concurrent insert of the same key waits for the other transaction, then inserts nothing.
                let inserted = try sql.execute("INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                                               binds(key, value))
                if inserted != 1 { throw WorkspaceError.alreadyExists(description) }
            }
        }
    }
}
