/// Why a figure cannot be computed, said plainly.
public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    /// AUROC and friends need both normal and anomalous examples.
    case singleClass(String)
    case mismatchedInput(String)
    case invalidScore(String)

    public var description: String {
        switch self {
        case .singleClass(let what): return "cannot compute \(what)"
        case .mismatchedInput(let what): return "mismatched input: \(what)"
        case .invalidScore(let what): return "invalid score: \(what)"
        }
    }
}
