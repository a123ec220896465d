import SpeckDetectors

extension DetectorRegistry {
    /// The detectors the workstation offers: all of the standard ones
    /// (kept as a name because the batch commands' registry builds on it).
    static var workstation: DetectorRegistry { .standard }
}
