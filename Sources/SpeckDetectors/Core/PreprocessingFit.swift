/// How the resize treats the image's aspect ratio (`--fit`).
public enum PreprocessingFit: String, Codable, Sendable, CaseIterable {
    /// The whole image squeezed to `resize` x `resize` (aspect not kept).
    case stretch
    /// The shorter side to `resize`, aspect kept (torchvision's `Resize(int)`);
    /// without a crop the detector sees a non-square image.
    case shorter
    /// The longer side to `resize`, aspect kept, black bars to a square; the
    /// map is trimmed back to the image, so it covers exactly the original.
    case pad
}
