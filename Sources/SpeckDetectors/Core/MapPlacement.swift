import SpeckImaging

/// Where an anomaly map lies on the original image: all of it, or with a
/// centre crop only the part the detector saw. Heatmaps are drawn over the
/// whole image with this, so a cropped map is not stretched over the borders.
public struct MapPlacement: Sendable, Equatable {
    /// Edges as fractions of the original image's width and height, 0...1.
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double

    public static let wholeImage = MapPlacement(left: 0, top: 0, right: 1, bottom: 1)

    public init(left: Double, top: Double, right: Double, bottom: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public var isWholeImage: Bool { self == .wholeImage }

    /// The map's values on a `width` x `height` grid over the whole image
    /// (bilinear inside the map's part), NaN where the detector did not look.
    public func values(of map: AnomalyMap, width: Int, height: Int) -> [Float] {
        let x0 = Self.edge(left, width), x1 = max(x0 + 1, Self.edge(right, width))
        let y0 = Self.edge(top, height), y1 = max(y0 + 1, Self.edge(bottom, height))
        let partWidth = min(x1, width) - x0, partHeight = min(y1, height) - y0
        guard partWidth > 0, partHeight > 0 else { return [Float](repeating: .nan, count: width * height) }
        let part = Image(width: map.width, height: map.height, channels: 1, pixels: map.values)
            .resized(width: partWidth, height: partHeight).pixels
        if partWidth == width, partHeight == height { return part }
        var grid = [Float](repeating: .nan, count: width * height)
        for y in 0..<partHeight {
            let to = (y + y0) * width + x0
            grid.replaceSubrange(to..<(to + partWidth), with: part[(y * partWidth)..<((y + 1) * partWidth)])
        }
        return grid
    }

    /// The whole image's size, aspect kept, at the resolution the map has on its part of it.
    public func wholeImageGrid(map: AnomalyMap, imageWidth: Int, imageHeight: Int) -> (width: Int, height: Int) {
        let scale = max(Double(map.width) / ((right - left) * Double(imageWidth)),
                        Double(map.height) / ((bottom - top) * Double(imageHeight)))
        return (max(1, Int((Double(imageWidth) * scale).rounded())), max(1, Int((Double(imageHeight) * scale).rounded())))
    }

    /// A point given as fractions of the map, as fractions of the whole image.
    public func imagePoint(mapX: Double, mapY: Double) -> (x: Double, y: Double) {
        (left + mapX * (right - left), top + mapY * (bottom - top))
    }

    private static func edge(_ fraction: Double, _ size: Int) -> Int {
        min(size, max(0, Int((fraction * Double(size)).rounded())))
    }
}

extension Preprocessing {
    /// Where the map of a `width` x `height` image lies on it: the whole image
    /// unless a centre crop cut its borders away (the crop's offsets as `apply(to:)` takes them).
    public func mapPlacement(imageWidth width: Int, imageHeight height: Int) -> MapPlacement {
        guard let crop, !mapCoversWholeImage else { return .wholeImage }
        let resized = fit == .shorter ? Self.shorterSideSize(width: width, height: height, side: resize) : (width: resize, height: resize)
        let cropWidth = min(crop, resized.width), cropHeight = min(crop, resized.height)
        let left = (Double(resized.width - cropWidth) / 2).rounded(.toNearestOrEven)
        let top = (Double(resized.height - cropHeight) / 2).rounded(.toNearestOrEven)
        return MapPlacement(left: left / Double(resized.width), top: top / Double(resized.height),
                            right: (left + Double(cropWidth)) / Double(resized.width),
                            bottom: (top + Double(cropHeight)) / Double(resized.height))
    }
}
