import Foundation
import SpeckTensor

/// A loaded checkpoint with shape-checked access and BatchNorm folding.
struct StateDict {
    let tensors: [String: Tensor]
    let path: String

    func has(_ name: String) -> Bool { tensors[name] != nil }

    func tensor(_ name: String, shape: [Int]? = nil) throws -> Tensor {
        guard let tensor = tensors[name] else { throw BackboneError.missingTensor(name, path: path) }
        if let shape, tensor.shape != shape {
            throw BackboneError.wrongShape(name, expected: shape, found: tensor.shape, path: path)
        }
        return tensor
    }

    /// A convolution (weight [O, I, k, k], no bias) followed by the BatchNorm at
    /// `bn` (weight, bias, running_mean, running_var), folded into one conv.
    func foldedConvolution(_ conv: String, bn: String, eps: Float, stride: Int, padding: Padding,
                           depthwise: Bool = false, activation: Activation) throws -> ConvLayer {
        let weight = try tensor(conv + ".weight")
        guard weight.rank == 4, weight.shape[2] == weight.shape[3] else {
            throw BackboneError.unsupportedArchitecture("\(conv).weight has shape \(weight.shape), expected a square 4-D kernel", path: path)
        }
        let outChannels = weight.shape[0]
        if depthwise && weight.shape[1] != 1 {
            throw BackboneError.wrongShape(conv + ".weight", expected: [outChannels, 1, weight.shape[2], weight.shape[3]], found: weight.shape, path: path)
        }
        let gamma = try tensor(bn + ".weight", shape: [outChannels]).data
        let beta = try tensor(bn + ".bias", shape: [outChannels]).data
        let mean = try tensor(bn + ".running_mean", shape: [outChannels]).data
        let variance = try tensor(bn + ".running_var", shape: [outChannels]).data
        // y = (conv(x) - mean) / sqrt(var + eps) * gamma + beta = conv'(x) + bias'
        var scale = [Float](repeating: 0, count: outChannels)
        var bias = [Float](repeating: 0, count: outChannels)
        for o in 0..<outChannels {
            scale[o] = gamma[o] / (variance[o] + eps).squareRoot()
            bias[o] = beta[o] - mean[o] * scale[o]
        }
        return ConvLayer(torchWeight: weight, scale: scale, bias: bias, stride: stride, padding: padding,
                         depthwise: depthwise, activation: activation)
    }

    /// The classifier `y = W x + b` at `prefix` (weight [out, in], bias [out]).
    func linear(_ prefix: String, inFeatures: Int) throws -> LinearLayer {
        let weight = try tensor(prefix + ".weight")
        guard weight.rank == 2, weight.shape[1] == inFeatures else {
            throw BackboneError.wrongShape(prefix + ".weight", expected: [weight.shape.first ?? 1000, inFeatures], found: weight.shape, path: path)
        }
        let bias = try tensor(prefix + ".bias", shape: [weight.shape[0]])
        return LinearLayer(inFeatures: inFeatures, outFeatures: weight.shape[0],
                           weights: FloatBuffer(weight.data), bias: FloatBuffer(bias.data))
    }
}
