import SpeckImaging

extension Preprocessing {
    /// Whether maps cover the whole original image (tile maps stitched, or
    /// padding trimmed) rather than the preprocessed grid.
    public var mapCoversWholeImage: Bool { tiling != nil || fit == .pad }

    /// A ground-truth mask on a `width` x `height` anomaly map, by nearest
    /// neighbour (labels are not blended): through the same resize and crop
    /// as the image, or straight to the map when the map covers the whole image.
    public func maskOnMap(_ mask: Image, width: Int, height: Int) -> [Bool] {
        guard mapCoversWholeImage else { return applyToMask(mask) }
        let grey = mask.channels == 1 ? mask : mask.asGrey()
        let resized = grey.width == width && grey.height == height ? grey : grey.resizedNearest(width: width, height: height)
        return resized.pixels.map { $0 > 0.5 }
    }
}
