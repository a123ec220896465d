import SpeckImaging

extension Preprocessing {
    /// The square the detector sees: whole image resized to `resize` x `resize`
    /// (antialiased bilinear, aspect not kept), then the optional centre crop;
    /// always three channels (grey is replicated).
    public func apply(to image: Image) -> Image {
        var result = image.asRGB()
        if result.width != resize || result.height != resize {
            result = result.resized(width: resize, height: resize)
        }
        if let crop, crop < resize {
            result = result.centreCropped(width: crop, height: crop)
        }
        return result
    }

    /// A ground-truth mask on the same grid, resized by nearest neighbour so
    /// labels are not blended: true where the mask is non-zero.
    public func applyToMask(_ mask: Image) -> [Bool] {
        var result = mask.channels == 1 ? mask : mask.asGrey()
        if result.width != resize || result.height != resize {
            result = result.resizedNearest(width: resize, height: resize)
        }
        if let crop, crop < resize {
            result = result.centreCropped(width: crop, height: crop)
        }
        return result.pixels.map { $0 > 0.5 }
    }

    /// Checks the sizes make sense before any work is done.
    public func validate() throws {
        guard resize >= 8, resize <= 4096 else {
            throw DetectorError.invalidParameter("--resize \(resize): expected 8...4096 pixels")
        }
        if let crop, crop < 8 || crop > resize {
            throw DetectorError.invalidParameter("--crop \(crop): expected 8...\(resize) (at most the resize)")
        }
    }
}
