import Foundation
import SpeckDetectors

/// The text of `speck info MODEL`: what a model file was fitted with (every
/// parameter, defaults included), its preprocessing, threshold and arrays.
struct ModelInfoReport {
    let path: String
    let model: ModelFile

    /// Whether `path` is a model file (by its magic bytes, not its name).
    static func isModelFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: ModelFile.magic.count)).map(Array.init) == ModelFile.magic
    }

    var text: String {
        let c = model.configuration
        var out = "\(path)\n"
        out += "  detector: \(c.detector)\(c.backbone.map { " (backbone \($0))" } ?? "")\n"
        if let sha = c.weightsSHA256 { out += "  weights sha256: \(sha)\n" }
        out += "  preprocessing: resize \(c.preprocessing.resize)" + (c.preprocessing.crop.map { ", crop \($0)" } ?? "") + "\n"
        out += "  parameters:" + (c.parameters.isEmpty ? " none\n" : "\n")
        for key in c.parameters.keys.sorted() { out += "    \(key)=\(c.parameters[key]!)\n" }
        if let calibration = model.calibration {
            out += "  threshold: \(calibration.threshold) (\(calibration.thresholdMethod))\n"
        } else {
            out += "  threshold: none (not calibrated)\n"
        }
        for name in model.state.scalars.keys.sorted() { out += "  \(name): \(model.state.scalars[name]!)\n" }
        out += "  arrays:\n"
        for name in model.state.arrays.keys.sorted() {
            out += "    \(name) [\(model.state.arrays[name]!.shape.map(String.init).joined(separator: ", "))]\n"
        }
        out += "  written by: \(model.writtenBy)\n"
        return out
    }
}
