import SpeckTensor

/// Builds a backbone by name from its weights file.
public enum BackboneLoader {
    public static let resNetNames = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
                                     "wide_resnet50_2", "wide_resnet101_2"]
    public static let names = [EfficientNetLite0.name] + resNetNames

    /// `weightsPath` nil: look the weights up with `WeightsLocator`.
    public static func load(name: String, weightsPath: String?) throws -> any Backbone {
        guard names.contains(name) else { throw BackboneError.unknownBackbone(name) }
        let path = try WeightsLocator.weights(for: name, explicit: weightsPath)
        // One image per thread: keep OpenBLAS from spawning threads of its own.
        BLAS.setThreadCount(1)
        if name == EfficientNetLite0.name { return try EfficientNetLite0.load(weightsPath: path) }
        return try ResNet.load(name: name, weightsPath: path)
    }
}
