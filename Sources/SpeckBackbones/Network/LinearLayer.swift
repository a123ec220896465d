import SpeckTensor

/// The classifier: `y = W x + b` with W [out, in].
struct LinearLayer: Sendable {
    let inFeatures: Int
    let outFeatures: Int
    let weights: FloatBuffer
    let bias: FloatBuffer

    func run(_ input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        Ops.linear(input: input, inFeatures: inFeatures, weights: weights.pointer, bias: bias.pointer,
                   outFeatures: outFeatures, output: output)
    }
}
