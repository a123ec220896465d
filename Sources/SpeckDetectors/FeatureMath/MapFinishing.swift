import SpeckImaging

/// The last step shared by the feature detectors: a patch-grid score map is
/// upsampled bilinearly to the detector's input side and Gaussian-smoothed.
public struct MapFinishing: Sendable {
    public let blur: GaussianBlur

    public init(sigma: Float) { blur = GaussianBlur(sigma: sigma) }

    public func finish(_ grid: [Float], height: Int, width: Int, toSide side: Int) -> [Float] {
        finish(grid, height: height, width: width, toHeight: side, toWidth: side)
    }

    public func finish(_ grid: [Float], height: Int, width: Int, toHeight: Int, toWidth: Int) -> [Float] {
        let up = PlaneResize.resizePlane(grid, height: height, width: width, toHeight: toHeight, toWidth: toWidth, mode: .bilinear)
        return blur.apply(up, width: toWidth, height: toHeight)
    }

    /// The finished map of `grid` on the preprocessed grid of `image` (square or not).
    public func map(_ grid: [Float], height: Int, width: Int, for image: Image, _ preprocessing: Preprocessing) -> AnomalyMap {
        let size = preprocessing.outputSize(width: image.width, height: image.height)
        return AnomalyMap(width: size.width, height: size.height,
                          values: finish(grid, height: height, width: width, toHeight: size.height, toWidth: size.width))
    }
}
