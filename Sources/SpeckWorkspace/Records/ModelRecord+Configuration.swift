import Foundation
import SpeckDetectors

extension ModelRecord {
    /// The detector configuration recorded with the model (nil for a record
    /// whose parameters do not parse, e.g. a benchmark's placeholder).
    public var configuration: DetectorConfiguration? {
        try? JSONDecoder().decode(DetectorConfiguration.self, from: Data(parameters.utf8))
    }
}
