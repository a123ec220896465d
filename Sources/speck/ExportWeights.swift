import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckLearning
import SpeckTensor

/// `speck export-weights MODEL OUT`: a model file's learned arrays (trained
/// network weights, memory banks, Gaussians) as a safetensors file, so they can
/// be inspected with any safetensors reader (Python's `safetensors`, `numpy`).
struct ExportWeights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-weights",
        abstract: "Write a model file's learned arrays as safetensors, for inspection.",
        discussion: """
            Every array of the model's state becomes one float32 tensor under its own name; the \
            detector, backbone and parameters go into the safetensors metadata. The model file itself \
            stays the one Speck loads.
            """)

    @Argument(help: "A Speck model file (as written by `speck train`).", completion: .file())
    var model: String

    @Argument(help: "The safetensors file to write.", completion: .file())
    var output: String

    func run() throws {
        let file = try ModelFile.read(from: URL(fileURLWithPath: model))
        let tensors = file.state.arrays.mapValues { Tensor(shape: $0.shape, data: $0.values) }
        var metadata = ["detector": file.configuration.detector, "written_by": file.writtenBy]
        metadata["backbone"] = file.configuration.backbone
        for (key, value) in file.configuration.parameters { metadata["param." + key] = value }
        for (key, value) in file.state.scalars { metadata["scalar." + key] = String(value) }
        try SafetensorsWriter.encode(tensors, metadata: metadata).write(to: URL(fileURLWithPath: output), options: .atomic)
        let values = tensors.values.reduce(0) { $0 + $1.count }
        print("\(output): \(tensors.count) tensors, \(values) values from \(file.configuration.detector) model \(model)")
    }
}
