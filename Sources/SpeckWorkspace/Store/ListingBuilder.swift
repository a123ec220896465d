/// Joins the three sequential scans of a listing (present images, the label
/// history oldest first, one model's scores in rank order) into the list the
/// workstation shows: scored images highest first, then unscored ones by path.
/// Both stores feed it, so both answer alike.
struct ListingBuilder {
    // Column arrays, so that a path can be moved (not copied) into the
    // listing: a copy would touch every path's heap object, at random, to retain it.
    private var ids: [Int64] = []
    private var paths: [String] = []
    private var statuses: [ImageRecord.DecodeStatus] = []
    private var position = ImagePositions()
    private var labelled: [LabelVerdict?] = []
    private var scored: [Bool] = []
    private var listing: [ListedImage] = []

    /// First: every present image.
    mutating func addImage(id: Int64, path: String, decodeStatus: ImageRecord.DecodeStatus) {
        position.set(id, ids.count)
        ids.append(id)
        paths.append(path)
        statuses.append(decodeStatus)
    }

    /// Then every label, oldest first, so the newest label of an image is the one left standing.
    mutating func addLabel(imageId: Int64, verdict: LabelVerdict?) {
        sizeColumns()
        guard let index = position[imageId] else { return }
        labelled[index] = verdict == .cleared ? nil : verdict
    }

    /// Then the model's scores, highest first (ties by image id).
    mutating func addScore(imageId: Int64, raw: Double?, normalised: Double?) {
        sizeColumns()
        guard let index = position[imageId], !scored[index] else { return }
        scored[index] = true
        var path = ""
        swap(&path, &paths[index])
        listing.append(ListedImage(imageId: ids[index], path: consume path, decodeStatus: statuses[index],
                                   raw: raw, normalised: normalised, label: labelled[index]))
    }

    /// Once all images are in: one label and one score flag per image.
    private mutating func sizeColumns() {
        guard scored.count != ids.count else { return }
        labelled = [LabelVerdict?](repeating: nil, count: ids.count)
        scored = [Bool](repeating: false, count: ids.count)
        listing.reserveCapacity(ids.count)
    }

    /// The listing, unscored images last by path.
    mutating func finish() -> [ListedImage] {
        sizeColumns()
        let unscored = ids.indices.filter { !scored[$0] }.sorted { paths[$0] < paths[$1] }
        for index in unscored {
            listing.append(ListedImage(imageId: ids[index], path: paths[index], decodeStatus: statuses[index],
                                       label: labelled[index]))
        }
        return listing
    }
}

/// Image id → position in the listing: a plain array while ids are dense
/// (the usual case, ids count up from 1), a dictionary otherwise.
private struct ImagePositions {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int] = [:]

    mutating func set(_ id: Int64, _ position: Int) {
        if id >= 0, id < Int64(max(1 << 16, dense.count * 2)) {
            if Int(id) >= dense.count { dense.append(contentsOf: repeatElement(-1, count: Int(id) - dense.count + 1)) }
            dense[Int(id)] = Int32(position)
        } else {
            sparse[id] = position
        }
    }

    subscript(id: Int64) -> Int? {
        if id >= 0, id < Int64(dense.count), dense[Int(id)] >= 0 { return Int(dense[Int(id)]) }
        return sparse[id]
    }
}
