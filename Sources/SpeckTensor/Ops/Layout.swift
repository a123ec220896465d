extension Ops {
    /// Channels-last [H, W, C] to planar [C, H, W].
    public static func hwcToCHW(_ input: UnsafePointer<Float>, shape: FeatureShape, output: UnsafeMutablePointer<Float>) {
        let plane = shape.pixels
        for p in 0..<plane {
            let src = input + p * shape.channels
            for c in 0..<shape.channels { output[c * plane + p] = src[c] }
        }
    }

    /// Planar [C, H, W] to channels-last [H, W, C].
    public static func chwToHWC(_ input: UnsafePointer<Float>, shape: FeatureShape, output: UnsafeMutablePointer<Float>) {
        let plane = shape.pixels
        for c in 0..<shape.channels {
            let src = input + c * plane
            for p in 0..<plane { output[p * shape.channels + c] = src[p] }
        }
    }
}
