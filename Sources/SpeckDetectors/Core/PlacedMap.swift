/// An anomaly map with the preprocessing that made it, which says where it
/// lies on the original image (`MapPlacement`).
public struct PlacedMap: Sendable, Equatable {
    public var map: AnomalyMap
    public var preprocessing: Preprocessing

    public init(_ map: AnomalyMap, preprocessing: Preprocessing) {
        self.map = map
        self.preprocessing = preprocessing
    }

    public func placement(imageWidth: Int, imageHeight: Int) -> MapPlacement {
        preprocessing.mapPlacement(imageWidth: imageWidth, imageHeight: imageHeight)
    }
}
