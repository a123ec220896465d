import Foundation

/// Reads and writes label exchange files: CSV (`path,verdict,note,author,labelled_at`)
/// or a JSON array of objects with the same keys. Times are ISO 8601 UTC with
/// milliseconds, so an export imported elsewhere keeps who labelled and when.
public enum LabelExchange {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json

        /// The format a file name implies (`.json` → JSON, else CSV).
        public init(fileName: String) {
            self = fileName.lowercased().hasSuffix(".json") ? .json : .csv
        }
    }

    static let columns = ["path", "verdict", "note", "author", "labelled_at"]

    public static func encode(_ entries: [LabelEntry], as format: Format) throws -> String {
        switch format {
        case .csv:
            let lines = [CSVTable.line(columns)] + entries.map { entry in
                CSVTable.line([entry.path, entry.verdict.rawValue, entry.note ?? "", entry.author,
                               Timestamp.string(entry.createdAt)])
            }
            return lines.joined(separator: "\n") + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let objects = entries.map { JSONLabel(path: $0.path, verdict: $0.verdict.rawValue, note: $0.note,
                                                  author: $0.author, labelled_at: Timestamp.string($0.createdAt)) }
            return String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
        }
    }

    /// Entries of a file; a missing author means `defaultAuthor`, a missing time means `now`.
    public static func decode(_ text: String, as format: Format, defaultAuthor: String = CurrentUser.name,
                              now: Date = Date()) throws -> [LabelEntry] {
        switch format {
        case .csv: return try decodeCSV(text, defaultAuthor: defaultAuthor, now: now)
        case .json: return try decodeJSON(text, defaultAuthor: defaultAuthor, now: now)
        }
    }

    private static func decodeCSV(_ text: String, defaultAuthor: String, now: Date) throws -> [LabelEntry] {
        let records = try CSVTable.records(text)
        guard let header = records.first else { return [] }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let pathColumn = names.firstIndex(of: "path"), let verdictColumn = names.firstIndex(of: "verdict") else {
            throw LabelFileError(line: header.line, problem: "the header must name at least the columns path and verdict")
        }
        let noteColumn = names.firstIndex(of: "note")
        let authorColumn = names.firstIndex(of: "author")
        let timeColumn = names.firstIndex(of: "labelled_at")
        return try records.dropFirst().map { record in
            func field(_ column: Int?) -> String? {
                guard let column, column < record.fields.count, !record.fields[column].isEmpty else { return nil }
                return record.fields[column]
            }
            do {
                return try entry(path: field(pathColumn), verdict: field(verdictColumn), note: field(noteColumn),
                                 author: field(authorColumn) ?? defaultAuthor, time: field(timeColumn), now: now)
            } catch let error as LabelFileError {
                throw LabelFileError(line: record.line, problem: error.problem)
            }
        }
    }

    private static func decodeJSON(_ text: String, defaultAuthor: String, now: Date) throws -> [LabelEntry] {
        let objects: [JSONLabel]
        do {
            objects = try JSONDecoder().decode([JSONLabel].self, from: Data(text.utf8))
        } catch {
            throw LabelFileError(problem: "not a JSON array of labels with keys path and verdict (\(error))")
        }
        return try objects.enumerated().map { index, object in
            do {
                return try entry(path: object.path, verdict: object.verdict, note: object.note,
                                 author: object.author ?? defaultAuthor, time: object.labelled_at, now: now)
            } catch let error as LabelFileError {
                throw LabelFileError(problem: "label \(index + 1): \(error.problem)")
            }
        }
    }

    private static func entry(path: String?, verdict: String?, note: String?, author: String, time: String?,
                              now: Date) throws -> LabelEntry {
        guard let path, !path.isEmpty else { throw LabelFileError(problem: "no path") }
        guard let verdict, let parsed = LabelVerdict(rawValue: verdict.lowercased()) else {
            throw LabelFileError(problem: "verdict '\(verdict ?? "")' is not one of normal, anomalous, cleared")
        }
        var date = now
        if let time {
            guard let parsedTime = Timestamp.date(time) else {
                throw LabelFileError(problem: "time '\(time)' is not ISO 8601 (e.g. 2026-01-31T09:30:00.000Z)")
            }
            date = parsedTime
        }
        return LabelEntry(path: path, verdict: parsed, note: note, author: author, createdAt: date)
    }

    private struct JSONLabel: Codable {
        var path: String?
        var verdict: String?
        var note: String?
        var author: String?
        var labelled_at: String?
    }
}
