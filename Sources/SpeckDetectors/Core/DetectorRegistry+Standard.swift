extension DetectorRegistry {
    /// Every detector Speck ships.
    public static let standard = DetectorRegistry([
        Entry(MeanStdDetector.self, summary: "per-pixel mean/std baseline (no weights needed)") {
            configuration, _ in try MeanStdDetector(configuration: configuration)
        },
        Entry(LBPDetector.self, summary: "local binary patterns, contrast and colour per cell (no weights needed)") {
            configuration, _ in try LBPDetector(configuration: configuration)
        },
        Entry(PatchCoreDetector.self, summary: "PatchCore: nearest memory-bank patch features (best; needs backbone weights)",
              defaultBackbone: "efficientnet-lite0") { try PatchCoreDetector(configuration: $0, resources: $1) },
        Entry(PaDiMDetector.self, summary: "PaDiM: a Gaussian per feature position (needs backbone weights)",
              defaultBackbone: "efficientnet-lite0") { try PaDiMDetector(configuration: $0, resources: $1) },
        Entry(SPADEDetector.self, summary: "SPADE: nearest training images, then nearest patches (needs backbone weights)",
              defaultBackbone: "efficientnet-lite0") { try SPADEDetector(configuration: $0, resources: $1) },
    ])
}
