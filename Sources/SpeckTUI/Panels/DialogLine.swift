/// A line of a dialog. When it is wider than the dialog it wraps, and the
/// lines after the first start `hangingIndent` cells in (under the detector
/// summaries of the train form, not under their names).
struct DialogLine {
    var text: String
    var style: Style
    var hangingIndent = 0
    /// One row per entry of a list (the train form's detectors): these give up
    /// their wrapping first when the screen is too short for all of it.
    var isListEntry = false

    init(_ text: String, _ style: Style, hangingIndent: Int = 0, isListEntry: Bool = false) {
        self.text = text
        self.style = style
        self.hangingIndent = hangingIndent
        self.isListEntry = isListEntry
    }

    /// All lines wrapped to `width` when that fits in `height` rows; else list
    /// entries abbreviated to one row each; else every line abbreviated.
    static func rows(_ lines: [DialogLine], width: Int, height: Int) -> [(text: String, style: Style)] {
        let stages: [(DialogLine) -> Bool] = [{ _ in false }, { $0.isListEntry }]
        for abbreviated in stages {
            let rows = lines.flatMap { line in
                abbreviated(line) ? [(TextFit.abbreviate(line.text, width: width), line.style)] : line.wrapped(to: width)
            }
            if rows.count <= height { return rows }
        }
        return lines.map { (TextFit.abbreviate($0.text, width: width), $0.style) }
    }

    func wrapped(to width: Int) -> [(text: String, style: Style)] {
        let rows = TextFit.wrap(text, width: width, hangingIndent: hangingIndent)
        return (rows.isEmpty ? [""] : rows).map { ($0, style) }
    }
}
