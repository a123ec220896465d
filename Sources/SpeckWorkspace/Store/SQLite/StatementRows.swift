import GRDB
import GRDBSQLite

/// Steps a read-only query with SQLite's own column accessors. For the
/// 100,000-row listing, GRDB's `Row` (a boxed value per cell, retained and
/// released per access) costs more than the query; this skips it. SQLite types
/// stay inside this file.
struct StatementRows {
    /// The current row of a stepping statement.
    struct Columns {
        fileprivate let statement: SQLiteStatement

        func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

        func double(_ index: Int32) -> Double? {
            sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_double(statement, index)
        }

        func text(_ index: Int32) -> String {
            guard let bytes = sqlite3_column_text(statement, index) else { return "" }
            let count = Int(sqlite3_column_bytes(statement, index))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    private let statement: Statement
    private let database: Database
    private var finished = false

    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        database = db
    }

    /// The next row, or nil after the last one. A cursor rather than a callback:
    /// the caller's loop then works on plain locals, not on captured (boxed) ones.
    mutating func next() throws -> Columns? {
        guard !finished else { return nil }
        let handle = statement.sqliteStatement
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return Columns(statement: handle)
        case SQLITE_DONE:
            finished = true
            sqlite3_reset(handle)
            return nil
        case let code:
            finished = true
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(database.sqliteConnection)), sql: statement.sql)
        }
    }
}
