/// Score histogram (normal vs anomalous when the truth is known) with the
/// threshold marker, and the live confusion counts below it.
public struct HistogramPanel {
    static let eighths: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func draw(_ state: WorkstationState, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        buffer.box(rect, style: theme.frame, title: "Scores", titleStyle: theme.title)
        let inner = rect.inner
        guard inner.height >= 4, inner.width >= 10 else { return }
        let scored = state.list.entries.filter { $0.rawScore != nil }
        let confusionTop = inner.maxY - 2
        if scored.isEmpty {
            buffer.text("no scores yet", x: inner.x + 1, y: inner.y, style: theme.dim)
        } else {
            drawBars(scored, state: state, into: &buffer,
                     area: barsArea(rect), theme: theme)
        }
        drawConfusion(state, into: &buffer, x: inner.x, y: confusionTop, width: inner.width, theme: theme)
    }

    static func drawBars(_ scored: [ImageEntry], state: WorkstationState, into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
        let (low, high) = histogramRange(scored.map { $0.rawScore! }, state: state)
        let bins = area.width
        var normal = [Int](repeating: 0, count: bins), anomalous = normal, unknown = normal
        func bin(_ value: Float) -> Int { max(0, min(bins - 1, Int((value - low) / (high - low) * Float(bins)))) }
        for entry in scored {
            let b = bin(entry.rawScore!)
            switch entry.effectiveTruth {
            case true?: anomalous[b] += 1
            case false?: normal[b] += 1
            case nil: unknown[b] += 1
            }
        }
        let peak = max(1, (0..<bins).map { normal[$0] + anomalous[$0] + unknown[$0] }.max()!)
        let thresholdColumn = state.threshold.map { bin($0.value) }
        let levels = area.height * 8
        for column in 0..<bins {
            // Segments bottom-up: normal, unknown, anomalous, in eighths of a cell.
            let scale = Double(levels) / Double(peak)
            let n = Int((Double(normal[column]) * scale).rounded())
            let u = Int((Double(normal[column] + unknown[column]) * scale).rounded())
            let total = normal[column] + unknown[column] + anomalous[column]
            var t = Int((Double(total) * scale).rounded())
            if total > 0 { t = max(t, 1) }
            for row in 0..<area.height {
                let bottom = (area.height - 1 - row) * 8
                let filled = max(0, min(8, t - bottom))
                let y = area.y + row, x = area.x + column
                if filled == 0 {
                    if column == thresholdColumn { buffer[x, y] = Cell("┊", theme.warn) }
                    continue
                }
                let middle = bottom + filled / 2
                let colour = middle < n ? theme.normal : (middle < u ? theme.muted : theme.anomalous)
                buffer[x, y] = Cell(eighths[filled], Style(foreground: colour, background: theme.background))
            }
        }
        let axisY = area.maxY
        buffer.fill(Rect(x: area.x, y: axisY, width: area.width, height: 1), style: theme.dim, character: "─")
        // The threshold label goes right of the marker when it fits, else left of it;
        // the min and max labels give way to it rather than lose some of their digits.
        var thresholdCells: Range<Int>?
        if let thresholdColumn, let threshold = state.threshold {
            let marker = area.x + thresholdColumn
            let label = " thr \(Format.score(threshold.value)) "
            let labelX = marker + 1 + label.count <= area.maxX ? marker + 1 : max(area.x, marker - label.count)
            buffer.text(label, x: labelX, y: axisY, style: theme.warn)
            buffer[marker, axisY] = Cell("▲", theme.warn)
            thresholdCells = min(marker, labelX)..<max(marker + 1, labelX + label.count)
        }
        let lowText = Format.score(low), highText = Format.score(high)
        let lowCells = area.x..<area.x + lowText.count, highCells = area.maxX - highText.count..<area.maxX
        if !(thresholdCells?.overlaps(lowCells) ?? false) { buffer.text(lowText, x: area.x, y: axisY, style: theme.dim) }
        if area.width > 24, !(thresholdCells?.overlaps(highCells) ?? false) {
            buffer.text(highText, x: highCells.lowerBound, y: axisY, style: theme.dim)
        }
    }

    /// Minimum to a robust maximum: a few far outliers would otherwise squeeze every
    /// other score into the first bins (they land in the last bin instead).
    static func histogramRange(_ scores: [Float], state: WorkstationState) -> (Float, Float) {
        let (low, high) = ImageListPanel.scoreRange(state)
        let sorted = scores.sorted()
        guard sorted.count >= 20 else { return (low, high) }
        let p98 = sorted[Int(Double(sorted.count - 1) * 0.98)]
        let threshold = state.threshold?.value ?? p98
        let robust = max(p98, threshold) + (max(p98, threshold) - low) * 0.1
        return (low, min(high, robust))
    }

    static func drawConfusion(_ state: WorkstationState, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, theme: Theme) {
        guard let counts = state.confusion else {
            buffer.text("TP – FP – FN – TN –", x: x + 1, y: y, style: theme.dim, maxWidth: width - 1)
            return
        }
        let known = counts.heldOut
        let pairs = [("TP", known.truePositives, theme.good), ("FP", known.falsePositives, theme.bad),
                     ("FN", known.falseNegatives, theme.bad), ("TN", known.trueNegatives, theme.good)]
        let flagged = "flagged \(counts.flagged)/\(counts.scored)"
        // Two spaces between the counts when all fits, else one; "flagged" comes whole or not at all.
        let spaced = pairs.map { "\($0.0) \($0.1)" }.joined(separator: "  ") + "  " + flagged
        let gap = TextFit.width(spaced) <= width - 1 ? "  " : " "
        var column = x + 1
        for (name, value, style) in pairs {
            column += buffer.text("\(name) ", x: column, y: y, style: theme.dim, maxWidth: x + width - column)
            column += buffer.text("\(value)\(gap)", x: column, y: y, style: style, maxWidth: x + width - column)
        }
        if column + TextFit.width(flagged) <= x + width { buffer.text(flagged, x: column, y: y, style: theme.warn) }
        let (precision, recall, f1) = (Format.ratio(known.precision), Format.ratio(known.recall), Format.ratio(known.f1))
        let quality = "precision \(precision)  recall \(recall)  F1 \(f1)"
        let short = "P \(precision)  R \(recall)  F1 \(f1)"
        buffer.text(TextFit.abbreviate(TextFit.width(quality) <= width - 1 ? quality : short, width: width - 1),
                    x: x + 1, y: y + 1, style: theme.base)
    }
}
