/// How an image becomes what the detector sees: a resize (how the aspect is
/// treated: `fit`), an optional centre crop, and optional tiling of large
/// images. The default (stretch to the detector's square, 256 or PatchCore's 384; no crop, no tiles) sees the whole
/// image so borders are never ignored; `--resize 256 --crop 224` reproduces
/// the published protocol.
public struct Preprocessing: Codable, Sendable, Equatable {
    public var resize: Int
    public var crop: Int?
    public var fit: PreprocessingFit
    /// Tiles of the original image, each preprocessed as above (nil: whole image).
    public var tiling: Tiling?

    /// The resize of detectors that do not choose their own (`DetectorRegistry.Entry.defaultResize`).
    public static let standardResize = 256

    public init(resize: Int = standardResize, crop: Int? = nil, fit: PreprocessingFit = .stretch, tiling: Tiling? = nil) {
        self.resize = resize
        self.crop = crop
        self.fit = fit
        self.tiling = tiling
    }

    /// Side of the square the detector works on when the output is square
    /// (every fit but `shorter` without a crop).
    public var outputSide: Int { crop ?? resize }

    private enum CodingKeys: String, CodingKey { case resize, crop, fit, tiling }

    /// Model files written before `fit` and `tiling` existed load as a stretch without tiles.
    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        resize = try values.decode(Int.self, forKey: .resize)
        crop = try values.decodeIfPresent(Int.self, forKey: .crop)
        fit = try values.decodeIfPresent(PreprocessingFit.self, forKey: .fit) ?? .stretch
        tiling = try values.decodeIfPresent(Tiling.self, forKey: .tiling)
    }

    /// The defaults are left out, so a model file made with today's default
    /// settings reads exactly as before.
    public func encode(to encoder: Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(resize, forKey: .resize)
        try values.encodeIfPresent(crop, forKey: .crop)
        if fit != .stretch { try values.encode(fit, forKey: .fit) }
        try values.encodeIfPresent(tiling, forKey: .tiling)
    }
}
