extension Gradients {
    /// Scales all gradients down so that their global L2 norm is at most
    /// `maximum`; returns the norm before clipping (worth logging).
    @discardableResult
    public mutating func clipNorm(to maximum: Float) -> Float {
        let norm = globalNorm
        if norm > maximum, norm > 0 { scale(by: maximum / norm) }
        return norm
    }
}
