/// A line of a dialog. When it is wider than the dialog it wraps, and the
/// lines after the first start `hangingIndent` cells in (under the detector
/// summaries of the train form, not under their names).
struct DialogLine {
    var text: String
    var style: Style
    var hangingIndent = 0

    init(_ text: String, _ style: Style, hangingIndent: Int = 0) {
        self.text = text
        self.style = style
        self.hangingIndent = hangingIndent
    }

    /// Every line wrapped to `width` when that fits in `height` rows, else one abbreviated row per line.
    static func rows(_ lines: [DialogLine], width: Int, height: Int) -> [(text: String, style: Style)] {
        let wrapped = lines.flatMap { line in
            let rows = TextFit.wrap(line.text, width: width, hangingIndent: line.hangingIndent)
            return (rows.isEmpty ? [""] : rows).map { ($0, line.style) }
        }
        if wrapped.count <= height { return wrapped }
        return lines.map { (TextFit.abbreviate($0.text, width: width), $0.style) }
    }
}
