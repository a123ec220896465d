import SpeckLearning
import SpeckTensor

/// A Deep SVDD network φ: rows of inputs [n, inputLength] → [n, outputs].
/// Deep SVDD's networks have no bias terms (and no affine batch norm): with a
/// bias the network could output the constant c for every input, a perfect
/// but useless solution (Ruff et al., Prop. 2).
protocol SVDDNetwork: Composite {
    var inputLength: Int { get }
    var outputs: Int { get }
    func embed(_ rows: Variable) -> Variable
}

extension SVDDNetwork {
    /// φ of many rows, in chunks so that large sets do not build one huge graph.
    func embedAll(_ rows: PatchMatrix, chunk: Int = 4096) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(rows.rows * outputs)
        for start in stride(from: 0, to: rows.rows, by: chunk) {
            out += GradientMode.withoutGradients { embed(Variable(rows.batch(Array(start..<min(start + chunk, rows.rows))))) }.value.data
        }
        return out
    }
}

/// Deep SVDD on patch vectors: bias-free dense layers, leaky ReLU between them.
final class PatchNetwork: SVDDNetwork {
    let layers: [Dense]

    /// `prefix` names the tensors of one network among several ("head2."; "" for the first).
    init(inputs: Int, hidden: Int, outputs: Int, seed: UInt64, prefix: String = "") {
        var rng = SeededGenerator(seed: seed)
        layers = [Dense(prefix + "net.fc1", inputs: inputs, outputs: hidden, bias: false, initialiser: .kaimingUniform(slope: 0.1), rng: &rng),
                  Dense(prefix + "net.fc2", inputs: hidden, outputs: outputs, bias: false, initialiser: .xavierUniform, rng: &rng)]
    }

    var children: [any Module] { layers }
    var inputLength: Int { layers[0].weight.shape[1] }
    var outputs: Int { layers[layers.count - 1].weight.shape[0] }

    func embed(_ rows: Variable) -> Variable {
        layers[1](layers[0](rows).leakyRelu(slope: 0.1))
    }
}

/// The paper's pixel form, LeNet-style: three bias-free 5x5 convolutions with
/// leaky ReLU, each halving the side (stride 2 where the paper max-pools),
/// then a bias-free dense layer to the output space.
final class PixelNetwork: SVDDNetwork {
    let side: Int
    let convolutions: [Conv2d]
    let head: Dense

    init(side: Int, outputs: Int, seed: UInt64, prefix: String = "") {
        var rng = SeededGenerator(seed: seed)
        let widths = [3, 32, 64, 128]
        self.side = side
        convolutions = (0..<3).map { i in
            Conv2d(prefix + "net.conv\(i + 1)", inChannels: widths[i], outChannels: widths[i + 1], kernel: 5, stride: 2, padding: 2,
                   bias: false, initialiser: .kaimingUniform(slope: 0.1), rng: &rng)
        }
        head = Dense(prefix + "net.fc", inputs: 128 * (side / 8) * (side / 8), outputs: outputs, bias: false,
                     initialiser: .xavierUniform, rng: &rng)
    }

    var children: [any Module] { convolutions + [head] }
    var inputLength: Int { 3 * side * side }
    var outputs: Int { head.weight.shape[0] }

    func embed(_ rows: Variable) -> Variable {
        let n = rows.shape[0]
        var x = rows.reshaped([n, 3, side, side])
        for convolution in convolutions { x = convolution(x).leakyRelu(slope: 0.1) }
        return head(x.reshaped([n, x.count / n]))
    }
}
