extension Image {
    /// ImageNet mean and standard deviation (torchvision's models).
    public static let imageNetMean: [Float] = [0.485, 0.456, 0.406]
    public static let imageNetStd: [Float] = [0.229, 0.224, 0.225]

    /// (x - mean[c]) / std[c] per channel, in Float32 (a true division, as torch does).
    public func normalised(mean: [Float], std: [Float]) -> Image {
        precondition(mean.count == channels && std.count == channels, "one mean and std per channel")
        var out = pixels
        for c in 0..<channels {
            let m = mean[c], s = std[c]
            for i in (c * planeSize)..<((c + 1) * planeSize) { out[i] = (out[i] - m) / s }
        }
        return Image(width: width, height: height, channels: channels, pixels: out)
    }
}
