/// Fits free text into a number of terminal cells without cutting a word:
/// `wrap` breaks lines at spaces, `abbreviate` stops after a whole word and
/// adds "…". Widths count what `ScreenBuffer.text` draws, one cell per
/// Unicode scalar (it shows wide characters as "?"), so fitted text never
/// runs over its cells.
public enum TextFit {
    public static let ellipsis = "…"

    /// Cells `text` takes when drawn by `ScreenBuffer.text`.
    public static func width(_ text: some StringProtocol) -> Int { text.unicodeScalars.count }

    /// Lines of at most `width` cells, broken at spaces; spacing inside a line is kept.
    /// Lines after the first start with `hangingIndent` spaces. When more than
    /// `maxLines` would be needed, the last line is abbreviated. A word longer
    /// than a line is abbreviated on its own line.
    public static func wrap(_ text: String, width: Int, maxLines: Int = .max, hangingIndent: Int = 0) -> [String] {
        let tokens = words(text)
        var lines: [String] = []
        var next = 0
        while next < tokens.count, lines.count < maxLines {
            let indent = lines.isEmpty ? "" : String(repeating: " ", count: hangingIndent)
            let room = width - indent.count
            guard room > 0 else { break }
            if lines.count == maxLines - 1 {
                lines.append(indent + abbreviate(joined(tokens[next...], leading: lines.isEmpty), width: room))
                break
            }
            var line = ""
            var end = next
            while end < tokens.count {
                let piece = end == next && !lines.isEmpty ? tokens[end].word : tokens[end].gap + tokens[end].word
                guard self.width(line) + self.width(piece) <= room else { break }
                line += piece
                end += 1
            }
            if end == next {  // one word wider than a whole line
                line = abbreviate(joined(tokens[next...next], leading: lines.isEmpty), width: room)
                end += 1
            }
            lines.append(indent + line)
            next = end
        }
        return lines
    }

    /// `text` when it fits in `width` cells; otherwise its longest start that
    /// ends with a whole word, followed by "…" (trailing separators such as
    /// "·" dropped, " …" after a number). A first word too long on its own is
    /// cut before the "…", unless it is a number: a number is never shown in part.
    public static func abbreviate(_ text: String, width: Int) -> String {
        let tokens = words(text)
        let whole = joined(tokens[...], leading: true)
        if self.width(whole) <= width { return whole }
        guard width > 0 else { return "" }
        var kept: [(gap: String, word: String)] = []
        var used = 0
        for token in tokens {
            let cells = self.width(token.gap) + self.width(token.word)
            guard used + cells + 1 <= width else { break }
            kept.append(token)
            used += cells
        }
        // A number right before the "…" would read as cut ("scoring 4…"): a space
        // shows it is whole, or it goes when there is no room for that space.
        // An aside left open ("(train…") goes as a whole.
        while let last = kept.last, kept.count > 1,
              isSeparator(last.word) || (isNumber(last.word) && self.width(joined(kept[...], leading: true)) + 2 > width)
                || opensAnAside(kept) {
            kept.removeLast()
        }
        if kept.isEmpty, let first = tokens.first, !isNumber(first.word) {
            let room = width - 1 - self.width(first.gap)
            if room > 0 { return first.gap + String(String.UnicodeScalarView(first.word.unicodeScalars.prefix(room))) + ellipsis }
        }
        let start = joined(kept[...], leading: true)
        if let last = kept.last, isNumber(last.word), self.width(start) + 2 <= width { return start + " " + ellipsis }
        return start + ellipsis
    }

    /// Words with the whitespace before each (any whitespace drawn as spaces); trailing whitespace is dropped.
    static func words(_ text: String) -> [(gap: String, word: String)] {
        var tokens: [(gap: String, word: String)] = []
        var gap = "", word = ""
        for character in text {
            if character.isWhitespace {
                if !word.isEmpty {
                    tokens.append((gap, word))
                    gap = ""
                    word = ""
                }
                gap += " "
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append((gap, word)) }
        return tokens
    }

    static func joined(_ tokens: ArraySlice<(gap: String, word: String)>, leading: Bool) -> String {
        var text = ""
        for (i, token) in zip(tokens.indices, tokens) {
            text += (i == tokens.startIndex && !leading ? "" : token.gap) + token.word
        }
        return text
    }

    static func opensAnAside(_ tokens: [(gap: String, word: String)]) -> Bool {
        let text = tokens.map(\.word).joined()
        return text.filter { $0 == "(" }.count > text.filter { $0 == ")" }.count
    }

    /// "·", "|", "→" and the like: nothing to read once the words after them are gone
    /// ("–" stays: the panels use it for "none").
    static func isSeparator(_ word: String) -> Bool {
        ["·", "|", "-", "—", "→", ":", "/"].contains(word)
    }

    /// "61", "1.350", "-0.5", "~30", "95%": shown whole or not at all.
    static func isNumber(_ word: String) -> Bool {
        word.contains { $0.isNumber } && word.allSatisfy { $0.isNumber || ".,-+~%".contains($0) }
    }
}
