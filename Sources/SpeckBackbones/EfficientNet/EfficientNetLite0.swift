import SpeckImaging
import SpeckTensor

/// EfficientNet-Lite0 exactly as Google trained it (timm's `tf_efficientnet_lite0`):
/// TF "SAME" padding, BatchNorm eps 1e-3 (folded at load), ReLU6, no
/// squeeze-excite, input normalised with mean = std = 0.5. Reads the
/// lukemelas-named checkpoint `efficientnet-lite0-57934424.pth`.
public enum EfficientNetLite0 {
    /// (repeats, kernel, stride of the first block, expansion, output channels) per stage.
    static let stageConfiguration: [(repeats: Int, kernel: Int, stride: Int, expand: Int, channels: Int)] = [
        (1, 3, 1, 1, 16), (2, 3, 2, 6, 24), (2, 5, 2, 6, 40), (3, 3, 2, 6, 80),
        (3, 5, 1, 6, 112), (4, 5, 2, 6, 192), (1, 3, 1, 6, 320),
    ]
    static let batchNormEpsilon: Float = 1e-3
    public static let name = "efficientnet-lite0"
    /// Stride 8 and 16: what PatchCore and PaDiM use.
    public static let defaultTaps = ["blocks.2", "blocks.4"]

    public static func load(weightsPath: String) throws -> CNNBackbone {
        try CNNBackbone.load(name: name, weightsPath: weightsPath, defaultTaps: defaultTaps, network: network(from:))
    }

    /// Stages `stem`, `blocks.0` ... `blocks.6`, `head`, then pooling and `_fc`.
    static func network(from sd: StateDict) throws -> FeatureNetwork {
        let eps = batchNormEpsilon
        var stages: [FeatureNetwork.Stage] = []
        let stem = try sd.foldedConvolution("_conv_stem", bn: "_bn0", eps: eps, stride: 2, padding: .tfSame, activation: .relu6)
        stages.append(.init(name: "stem", blocks: [ConvBlock(conv: stem)]))

        var flat = 0
        for (stageIndex, config) in stageConfiguration.enumerated() {
            var blocks: [any NetworkBlock] = []
            for repeatIndex in 0..<config.repeats {
                let prefix = "_blocks.\(flat)"
                let stride = repeatIndex == 0 ? config.stride : 1
                // TF SAME: symmetric (k-1)/2 at stride 1, input-dependent at stride 2.
                let padding: Padding = stride == 1 ? .symmetric((config.kernel - 1) / 2) : .tfSame
                let expand = config.expand == 1 ? nil
                    : try sd.foldedConvolution(prefix + "._expand_conv", bn: prefix + "._bn0", eps: eps, stride: 1,
                                               padding: .symmetric(0), activation: .relu6)
                let depthwise = try sd.foldedConvolution(prefix + "._depthwise_conv", bn: prefix + "._bn1", eps: eps, stride: stride,
                                                         padding: padding, depthwise: true, activation: .relu6)
                let project = try sd.foldedConvolution(prefix + "._project_conv", bn: prefix + "._bn2", eps: eps, stride: 1,
                                                       padding: .symmetric(0), activation: .none)
                guard depthwise.kernel == config.kernel, project.outChannels == config.channels else {
                    throw BackboneError.unsupportedArchitecture(
                        "\(prefix) does not match EfficientNet-Lite0 (kernel \(depthwise.kernel), \(project.outChannels) channels)", path: sd.path)
                }
                blocks.append(InvertedResidualBlock(expand: expand, depthwise: depthwise, project: project))
                flat += 1
            }
            stages.append(.init(name: "blocks.\(stageIndex)", blocks: blocks))
        }
        let head = try sd.foldedConvolution("_conv_head", bn: "_bn1", eps: eps, stride: 1, padding: .symmetric(0), activation: .relu6)
        stages.append(.init(name: "head", blocks: [ConvBlock(conv: head)]))
        let classifier = try sd.linear("_fc", inFeatures: head.outChannels)
        return FeatureNetwork(stages: stages, classifier: classifier, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
    }
}
