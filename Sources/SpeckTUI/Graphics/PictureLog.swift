/// Notes where the half-block renderer put each picture of a frame, in
/// drawing order, so that the graphics layer can put real pixels in the
/// same cells. Used only on the UI thread.
public final class PictureLog: @unchecked Sendable {
    public private(set) var boxes: [Rect] = []

    public init() {}

    func record(_ box: Rect) { boxes.append(box) }
    func reset() { boxes.removeAll(keepingCapacity: true) }
}
