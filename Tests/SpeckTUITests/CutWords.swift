/// What "cut mid-word" means in the text-fitting tests. A panel line is cut
/// when its last token (text between spaces and box edges) is not a whole
/// token of the panel's full text. A last token ending in "…" (or a lone "…"
/// after it) is an abbreviation: what comes before the "…" must be whole too.
enum CutWords {
    /// Progress bars are left out: their length depends on the width.
    static func tokens(_ text: String) -> [String] {
        text.split { $0.isWhitespace || "│╭╮╰╯─▲".contains($0) }.map(String.init)
            .filter { !$0.allSatisfy { "█▏▎▍▌▋▊▉".contains($0) } }
    }

    /// The lines whose last token (with `everyToken`, any token) is cut, given
    /// the full text they were fitted from.
    static func cutLines(_ lines: [String], fullText: String, everyToken: Bool = false) -> [String] {
        let whole = Set(tokens(fullText))
        func isCut(_ token: String) -> Bool {
            let word = token.hasSuffix("…") ? String(token.dropLast()) : token
            return !word.isEmpty && !whole.contains(word)
        }
        return lines.filter { line in
            var words = tokens(line)
            if words.count > 1, words.last == "…" { words.removeLast() }  // "scoring 61 …": check the 61
            let checked = everyToken ? words : Array(words.suffix(1))
            return checked.contains(where: isCut)
        }
    }

    /// The rows inside the box titled `title` (between its side edges), or nil.
    static func boxRows(_ rows: [String], title: String) -> [String]? {
        guard let top = rows.firstIndex(where: { $0.contains("╭ \(title) ") }) else { return nil }
        let edges = Array(rows[top])
        guard let left = edges.firstIndex(of: "╭"), let right = edges.lastIndex(of: "╮") else { return nil }
        let bottom = rows[(top + 1)...].firstIndex { Array($0).indices.contains(left) && Array($0)[left] == "╰" } ?? rows.count
        return crop(Array(rows[(top + 1)..<bottom]), columns: (left + 1)..<right)
    }

    /// Columns `columns` of each row of `screen` (a capture or a buffer's rows).
    static func crop(_ rows: [String], columns: Range<Int>) -> [String] {
        rows.map { row in
            let characters = Array(row)
            guard columns.lowerBound < characters.count else { return "" }
            return String(characters[columns.lowerBound..<min(columns.upperBound, characters.count)])
        }
    }
}
