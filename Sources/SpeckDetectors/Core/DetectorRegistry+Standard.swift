extension DetectorRegistry {
    /// Every detector Speck ships: the backbone-feature ones first (best),
    /// then those that need no pretrained weights.
    public static let standard = DetectorRegistry([
        // PatchCore at 384 px: small defects span more patches (screw 0.981 image AUROC against 0.959 at 256,
        // bottle and metal_plate better too); it stays fast enough because its k-NN is one BLAS product.
        Entry(PatchCoreDetector.self, summary: "PatchCore: nearest patch features (best; needs weights)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true, defaultResize: 384) { try PatchCoreDetector(configuration: $0, resources: $1) },
        Entry(PaDiMDetector.self, summary: "PaDiM: a Gaussian per position (needs weights)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true) { try PaDiMDetector(configuration: $0, resources: $1) },
        Entry(SPADEDetector.self, summary: "SPADE: nearest images, then nearest patches (needs weights)",
              defaultBackbone: "efficientnet-lite0") { try SPADEDetector(configuration: $0, resources: $1) },
        Entry(DeepSVDDDetector.self,
              summary: "Deep SVDD: 32 small networks pull normal patches to a centre (needs weights; fit ~1 min on 200 images)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true) { try DeepSVDDDetector(configuration: $0, resources: $1) },
        Entry(CFLOWDetector.self,
              summary: "CFLOW-AD: a conditional normalizing flow per feature level (needs weights; fit ~2 min on 200 images)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true) { try CFLOWDetector(configuration: $0, resources: $1) },
        Entry(FastFlowDetector.self,
              summary: "FastFlow: three 2D normalizing flows per feature level, averaged (needs weights; fit ~2.5 min on 200 images)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true) { try FastFlowDetector(configuration: $0, resources: $1) },
        Entry(DifferNetDetector.self,
              summary: "DifferNet: three normalizing flows on whole-image features; a score, no map (needs weights; fit ~2 min on 200 images)",
              defaultBackbone: "efficientnet-lite0", isSeeded: true) { try DifferNetDetector(configuration: $0, resources: $1) },
        Entry(LBPDetector.self, summary: "LBP: local binary patterns, contrast and colour per cell (no weights needed)") {
            configuration, _ in try LBPDetector(configuration: configuration)
        },
        Entry(GANomalyDetector.self, summary: "GANomaly: an adversarial autoencoder on pixels (no weights needed; ~15 min fit on 200 images)",
              isSeeded: true) {
            configuration, _ in try GANomalyDetector(configuration: configuration)
        },
        Entry(MeanStdDetector.self, summary: "per-pixel mean/std baseline (no weights needed)") {
            configuration, _ in try MeanStdDetector(configuration: configuration)
        },
    ])
}
