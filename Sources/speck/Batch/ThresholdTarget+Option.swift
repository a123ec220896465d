import ArgumentParser
import SpeckEvaluation

extension ThresholdTarget {
    /// `--threshold`'s value (train and eval), nil when not given; a bad one is named in the error.
    static func parsingOption(_ text: String?) throws -> ThresholdTarget? {
        do { return try text.map(ThresholdTarget.init(parsing:)) } catch {
            throw ValidationError("--threshold \(error)")
        }
    }
}
