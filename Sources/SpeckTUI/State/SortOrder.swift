/// Orders of the image list (`s` cycles).
public enum SortOrder: String, Sendable, CaseIterable {
    case score
    case name
    case label
    case groundTruth = "ground truth"
    /// The labelling queue (see `LabelQueue`): `ImageList` orders by it, this falls back to the score.
    case labelNext = "label next"

    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether `a` comes before `b`. Ties fall back to the name so the order is stable.
    public func precedes(_ a: ImageEntry, _ b: ImageEntry) -> Bool {
        switch self {
        case .score, .labelNext:
            // Highest score first; unscored images and problems last.
            let sa = a.rawScore ?? -.infinity, sb = b.rawScore ?? -.infinity
            if sa != sb { return sa > sb }
        case .name: break
        case .label:
            let la = Self.rank(a.label), lb = Self.rank(b.label)
            if la != lb { return la < lb }
        case .groundTruth:
            let ga = a.groundTruth.shortText, gb = b.groundTruth.shortText
            if ga != gb { return ga < gb }
        }
        return a.relativePath < b.relativePath
    }

    private static func rank(_ label: Label?) -> Int {
        switch label {
        case .anomalous: return 0
        case .normal: return 1
        case nil: return 2
        }
    }
}
