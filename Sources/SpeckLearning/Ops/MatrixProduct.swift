import SpeckTensor

/// Matrix product of [m, k] and [k, n].
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    Variable(GEMM.product(a.value, b.value), inputs: [a, b]) { g in
        [a.needsGradient ? GEMM.product(g, b.value, transposeB: true) : nil,
         b.needsGradient ? GEMM.product(a.value, transposeA: true, g) : nil]
    }
}

/// A fully connected layer on rows: x [n, in] · weightᵀ [in, out] + bias [out].
public func dense(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
    let y = Variable(GEMM.product(x.value, weight.value, transposeB: true), inputs: [x, weight]) { g in
        [x.needsGradient ? GEMM.product(g, weight.value) : nil,
         weight.needsGradient ? GEMM.product(g, transposeA: true, x.value) : nil]
    }
    return bias.map { y + $0 } ?? y
}
