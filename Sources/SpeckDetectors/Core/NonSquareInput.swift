/// `--fit shorter` without a crop keeps each image's aspect, so the detector
/// sees non-square images. The feature detectors whose maps follow the
/// input's shape accept that; the others need one fixed square and say so.
enum NonSquareInput {
    static let detectors: Set<String> = ["patchcore", "padim", "spade"]

    static func check(_ configuration: DetectorConfiguration) throws {
        guard !configuration.preprocessing.alwaysSquare, !detectors.contains(configuration.detector) else { return }
        throw DetectorError.invalidParameter(
            "--fit shorter without --crop gives non-square images and \(configuration.detector) needs one fixed square size: "
            + "add --crop N or use --fit pad (non-square input works with \(detectors.sorted().joined(separator: ", ")))")
    }
}
