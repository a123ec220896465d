/// What is known about an image independently of any model: the dataset's
/// own answer (MVTec `test/good` vs `test/<defect>`, or a folder name).
public enum GroundTruth: Sendable, Equatable {
    case unknown
    case normal
    case anomalous(kind: String)

    public var isAnomalous: Bool? {
        switch self {
        case .unknown: return nil
        case .normal: return false
        case .anomalous: return true
        }
    }

    public var shortText: String {
        switch self {
        case .unknown: return ""
        case .normal: return "good"
        case .anomalous(let kind): return kind
        }
    }
}
