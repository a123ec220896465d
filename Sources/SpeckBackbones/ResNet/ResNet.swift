import SpeckTensor

/// torchvision ResNets (resnet18/34/50/101/152, wide_resnet50_2/101_2) from
/// their checkpoints. Block type, depth and widths come from the tensor
/// shapes; BN eps 1e-5 (folded at load), ReLU, symmetric padding, ImageNet
/// normalisation. Taps: `stem` (after the max pool), `layer1` ... `layer4`.
public enum ResNet {
    static let batchNormEpsilon: Float = 1e-5
    public static let defaultTaps = ["layer2", "layer3"]
    public static let imageNetMean: [Float] = [0.485, 0.456, 0.406]
    public static let imageNetStd: [Float] = [0.229, 0.224, 0.225]

    public static func load(name: String, weightsPath: String) throws -> CNNBackbone {
        try CNNBackbone.load(name: name, weightsPath: weightsPath, defaultTaps: defaultTaps, network: network(from:))
    }

    static func network(from sd: StateDict) throws -> FeatureNetwork {
        let eps = batchNormEpsilon
        let conv1 = try sd.foldedConvolution("conv1", bn: "bn1", eps: eps, stride: 2, padding: .symmetric(3), activation: .relu)
        var stages: [FeatureNetwork.Stage] = [.init(name: "stem", blocks: [ConvBlock(conv: conv1), MaxPoolBlock()])]
        for layer in 1...4 {
            var blocks: [any NetworkBlock] = []
            var index = 0
            while sd.has("layer\(layer).\(index).conv1.weight") {
                let prefix = "layer\(layer).\(index)"
                let stride = layer > 1 && index == 0 ? 2 : 1
                let bottleneck = sd.has(prefix + ".conv3.weight")
                // torchvision puts the stride on conv1 (BasicBlock) or on the 3x3 conv2 (Bottleneck, "v1.5").
                let first = try sd.foldedConvolution(prefix + ".conv1", bn: prefix + ".bn1", eps: eps, stride: bottleneck ? 1 : stride,
                                                     padding: .symmetric(bottleneck ? 0 : 1), activation: .relu)
                let second = try sd.foldedConvolution(prefix + ".conv2", bn: prefix + ".bn2", eps: eps, stride: bottleneck ? stride : 1,
                                                      padding: .symmetric(1), activation: bottleneck ? .relu : .relu)
                let third = bottleneck
                    ? try sd.foldedConvolution(prefix + ".conv3", bn: prefix + ".bn3", eps: eps, stride: 1, padding: .symmetric(0), activation: .relu)
                    : nil
                let downsample = sd.has(prefix + ".downsample.0.weight")
                    ? try sd.foldedConvolution(prefix + ".downsample.0", bn: prefix + ".downsample.1", eps: eps, stride: stride,
                                               padding: .symmetric(0), activation: .none)
                    : nil
                blocks.append(ResidualBlock(first: first, second: second, third: third, downsample: downsample))
                index += 1
            }
            guard !blocks.isEmpty else {
                throw BackboneError.unsupportedArchitecture("no layer\(layer).0.conv1.weight: not a torchvision ResNet checkpoint", path: sd.path)
            }
            stages.append(.init(name: "layer\(layer)", blocks: blocks))
        }
        let finalChannels = stages.last!.blocks.reduce(FeatureShape(height: 64, width: 64, channels: 0)) { $1.outputShape($0) }.channels
        let classifier = try sd.linear("fc", inFeatures: finalChannels)
        return FeatureNetwork(stages: stages, classifier: classifier, mean: imageNetMean, std: imageNetStd)
    }
}
