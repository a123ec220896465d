import SpeckImaging
import SpeckTensor

/// A `Backbone` backed by a `FeatureNetwork` (EfficientNet-Lite0 and the
/// ResNets differ only in how their network is built).
public final class CNNBackbone: Backbone {
    public let name: String
    public let normalisation: (mean: [Float], std: [Float])
    public let defaultTaps: [String]
    public var weightsSHA256: String { digest.hex }
    public var weightsPath: String { digest.path }
    /// Every tap this backbone offers, in network order.
    public var availableTaps: [String] { network.stageNames }

    let network: FeatureNetwork
    private let digest: FileDigest

    /// `weightsSHA256`: the file's digest when loading computed it already.
    private init(name: String, network: FeatureNetwork, defaultTaps: [String], weightsPath: String, weightsSHA256: String?) {
        self.name = name
        self.network = network
        self.normalisation = (network.mean, network.std)
        self.defaultTaps = defaultTaps
        self.digest = FileDigest(path: weightsPath, known: weightsSHA256)
    }

    /// Reads the checkpoint at `weightsPath` (checked: see `Checkpoint`) and builds the network from it.
    static func load(name: String, weightsPath: String, defaultTaps: [String],
                     network build: (StateDict) throws -> FeatureNetwork) throws -> CNNBackbone {
        let checkpoint = try Checkpoint.loadVerifyingPublished(path: weightsPath)
        let network = try build(StateDict(tensors: checkpoint.tensors, path: weightsPath))
        return CNNBackbone(name: name, network: network, defaultTaps: defaultTaps, weightsPath: weightsPath,
                           weightsSHA256: checkpoint.sha256)
    }

    public func tapShape(_ tap: String) throws -> (channels: Int, stride: Int) {
        guard let shape = network.tapShapes[tap] else { throw unknownTap(tap) }
        return shape
    }

    public func features(of image: Image, taps: [String]) throws -> [String: Tensor] {
        try checkTaps(taps)
        return try network.run(image: image, taps: taps, classify: false).taps
    }

    public func logits(of image: Image) throws -> [Float] {
        try network.run(image: image, taps: [], classify: true).logits ?? []
    }

    private func checkTaps(_ taps: [String]) throws {
        for tap in taps where network.tapShapes[tap] == nil { throw unknownTap(tap) }
    }

    private func unknownTap(_ tap: String) -> BackboneError {
        .unknownTap(tap, backbone: name, available: network.stageNames)
    }
}
