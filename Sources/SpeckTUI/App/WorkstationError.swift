/// What a workstation action can refuse, in the words shown on the message line.
enum WorkstationError: Error, CustomStringConvertible {
    case noThreshold
    case noNewerModel

    var description: String {
        switch self {
        case .noThreshold: return "no threshold yet: train a model first (t)"
        case .noNewerModel: return "no model newer than the one shown"
        }
    }
}
