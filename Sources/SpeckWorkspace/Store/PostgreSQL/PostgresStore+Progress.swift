import PostgresNIO

/// What `speck status` reads: settings by prefix and counts of scored images.
extension PostgresStore {
    func settings(prefix: String) throws -> [String: String] {
        try session.withStatements { sql in
            Dictionary(try sql.rows("SELECT key, value FROM setting WHERE starts_with(key, $1)", binds(prefix))
                .map { try $0.decode((String, String).self) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func scoredCounts() throws -> (images: Int, scoredByModel: [Int64: Int]) {
        try session.snapshot { sql in
            let images = try sql.rows(ProgressQueries.presentImages)[0].decode(Int.self)
            let scored = try sql.rows(ProgressQueries.scoredByModel).map { try $0.decode((Int64, Int).self) }
            return (images, Dictionary(scored, uniquingKeysWith: +))
        }
    }
}
