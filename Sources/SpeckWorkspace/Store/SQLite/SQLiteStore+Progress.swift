import GRDB

/// What `speck status` reads: settings by prefix and counts of scored images.
extension SQLiteStore {
    func settings(prefix: String) throws -> [String: String] {
        try database.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ?",
                                        arguments: [prefix.count, prefix]).map { ($0[0] as String, $0[1] as String) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    func scoredCounts() throws -> (images: Int, scoredByModel: [Int64: Int]) {
        try database.read { db in
            let images = try Int.fetchOne(db, sql: ProgressQueries.presentImages) ?? 0
            let scored = try Row.fetchAll(db, sql: ProgressQueries.scoredByModel).map { ($0[0] as Int64, $0[1] as Int) }
            return (images, Dictionary(scored, uniquingKeysWith: +))
        }
    }
}
