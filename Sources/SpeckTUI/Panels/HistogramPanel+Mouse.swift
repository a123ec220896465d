extension HistogramPanel {
    /// Where the bars are drawn; the axis line is the row just below.
    public static func barsArea(_ rect: Rect) -> Rect {
        let inner = rect.inner
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 3))
    }

    /// The score under a click on the bars or their axis: the middle of that column's bin,
    /// so the threshold marker lands on the clicked column. Nil elsewhere or with no scores.
    public static func score(atX x: Int, y: Int, rect: Rect, state: WorkstationState) -> Float? {
        let area = barsArea(rect)
        let clickable = Rect(x: area.x, y: area.y, width: area.width, height: area.height + 1)
        let scores = state.scores
        guard rect.inner.height >= 4, rect.inner.width >= 10, clickable.contains(x: x, y: y), !scores.isEmpty else { return nil }
        let (low, high) = histogramRange(scores, state: state)
        return low + (Float(x - area.x) + 0.5) / Float(area.width) * (high - low)
    }
}
