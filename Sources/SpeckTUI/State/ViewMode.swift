/// What the image pane shows.
public enum ViewMode: String, Sendable, CaseIterable {
    case image
    case heatmap
    case overlay
    case predictedContour = "predicted contour"
    case truthContour = "ground-truth contour"
    /// Image, heatmap and ground truth next to each other.
    case sideBySide = "side by side"

    public var next: ViewMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
