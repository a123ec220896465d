import SpeckImaging

/// The last step shared by the feature detectors: a patch-grid score map is
/// upsampled bilinearly to the detector's input side and Gaussian-smoothed.
public struct MapFinishing: Sendable {
    public let blur: GaussianBlur

    public init(sigma: Float) { blur = GaussianBlur(sigma: sigma) }

    public func finish(_ grid: [Float], height: Int, width: Int, toSide side: Int) -> [Float] {
        let up = PlaneResize.resizePlane(grid, height: height, width: width, toHeight: side, toWidth: side, mode: .bilinear)
        return blur.apply(up, width: side, height: side)
    }
}
