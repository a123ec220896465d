/// Why a spot of a test image scored as it did: the stored normal patch it
/// is nearest to, and where that patch lies in which training image.
public struct PatchEvidence: Sendable {
    /// The spot, in the test image's pixels, and the map's value there.
    public var spotX: Int
    public var spotY: Int
    public var mapValue: Float
    public var imageScore: Float
    /// The test patch: its pixels in the test image and its cell on the patch grid.
    public var testBox: PixelBox
    public var cellX: Int
    public var cellY: Int
    public var gridWidth: Int
    public var gridHeight: Int
    public var match: StoredPatchMatch
    /// The training file the stored patch came from (nil when the model was fitted from memory).
    public var trainingFile: TrainingFile?

    public struct TrainingFile: Sendable, Equatable {
        public var index: Int
        public var path: String
        /// The tile of that image the patch came from (0 untiled).
        public var tile: Int
    }

    public var distance: Float { match.distance }
}
