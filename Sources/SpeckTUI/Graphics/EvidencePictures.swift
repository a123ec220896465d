import SpeckImaging

/// The evidence pane's crops as the last frame drew them: the cells each
/// took (in drawing order) and the crop, so that with terminal graphics they
/// are sent as real pixels like the image pane's picture. UI thread only.
final class EvidencePictures: @unchecked Sendable {
    let log = PictureLog()
    private(set) var crops: [Image] = []
    /// What the crops show (the request and the outcome's boxes): equal means equal pictures.
    private(set) var identity: [AnyHashable] = []

    func reset() {
        log.reset()
        crops = []
        identity = []
    }

    func drew(_ crops: [Image], identity: [AnyHashable]) {
        self.crops += crops
        self.identity += identity
    }
}
