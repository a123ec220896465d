import Foundation

/// Turns a directory listing into samples: decides the layout, assigns split and label,
/// and pairs masks with images.
struct DatasetDiscovery {
    let root: String
    let listing: DirectoryListing

    static let maskSuffix = "_mask"

    static func absolute(_ path: String) -> String {
        var full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while full.count > 1 && full.hasSuffix("/") { full.removeLast() }
        return (full as NSString).standardizingPath
    }

    func dataset() -> Dataset {
        var images: [String] = []
        var nonImages = 0
        for file in listing.files {
            if Self.isImage(file) { images.append(file) } else { nonImages += 1 }
        }
        let layout = Self.looksLikeMVTec(images) ? DatasetLayout.mvtec : .folder
        let samples = layout == .mvtec ? mvtecSamples(images) : folderSamples(images)
        return Dataset(root: root, layout: layout, samples: samples.sorted { $0.relativePath < $1.relativePath },
                       problems: listing.problems, skippedHidden: listing.hidden, skippedNonImage: nonImages)
    }

    static func isImage(_ relativePath: String) -> Bool {
        guard let dot = relativePath.lastIndex(of: "."), !relativePath[dot...].contains("/") else { return false }
        return Dataset.imageExtensions.contains(relativePath[relativePath.index(after: dot)...].lowercased())
    }

    /// train/good/..., or test/... next to ground_truth/...
    private static func looksLikeMVTec(_ images: [String]) -> Bool {
        let tops = Set(images.compactMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) })
        return images.contains { $0.hasPrefix("train/good/") } || (tops.contains("test") && tops.contains("ground_truth"))
    }

    private func mvtecSamples(_ images: [String]) -> [DatasetSample] {
        let masks = Set(images.filter { $0.hasPrefix("ground_truth/") })
        let masksByStem = Dictionary(masks.map { (Self.stem($0), $0) }, uniquingKeysWith: { first, _ in first })
        return images.filter { !masks.contains($0) }.map { relative in
            let parts = relative.split(separator: "/").map(String.init)
            let split: DatasetSplit = parts[0] == "train" ? .train : parts[0] == "test" ? .test : .none
            let label: String?
            switch split {
            case .train: label = parts.count > 2 ? parts[1] : Dataset.normalLabel
            case .test: label = parts.count > 2 ? parts[1] : nil
            case .none: label = parts.count > 1 ? parts[0] : nil
            }
            var mask: String?
            if split == .test, parts.count > 2 {
                let maskStem = "ground_truth/" + parts[1...].joined(separator: "/")
                mask = masksByStem[Self.stem(maskStem) + Self.maskSuffix] ?? masksByStem[Self.stem(maskStem)]
            }
            return sample(relative, split: split, label: label, mask: mask)
        }
    }

    /// A plain folder: labels from the first folder level, but only beside a
    /// folder of good images (`good/`, `ok/` or `normal/`, any case: all labelled
    /// "good"). Without one, folders such as `images/`, `camera1/` or `2026-11-29/`
    /// say nothing about defects and their images are unlabelled. `name_mask.ext`
    /// next to `name.ext` is that image's mask rather than an image of its own.
    private func folderSamples(_ images: [String]) -> [DatasetSample] {
        let folders = Set(images.compactMap { $0.contains("/") ? $0.split(separator: "/").first.map(String.init) : nil })
        let labelsFolders = folders.contains { Dataset.normalFolderNames.contains($0.lowercased()) }
        let stems = Set(images.map(Self.stem))
        var maskOf: [String: String] = [:]
        for image in images {
            let stem = Self.stem(image)
            if stem.hasSuffix(Self.maskSuffix) {
                let owner = String(stem.dropLast(Self.maskSuffix.count))
                if stems.contains(owner) { maskOf[owner] = image }
            }
        }
        let maskFiles = Set(maskOf.values)
        return images.filter { !maskFiles.contains($0) }.map { relative in
            let parts = relative.split(separator: "/")
            var label: String?
            if parts.count > 1, labelsFolders {
                label = Dataset.normalFolderNames.contains(parts[0].lowercased()) ? Dataset.normalLabel : String(parts[0])
            }
            return sample(relative, split: .none, label: label, mask: maskOf[Self.stem(relative)])
        }
    }

    private func sample(_ relative: String, split: DatasetSplit, label: String?, mask: String?) -> DatasetSample {
        DatasetSample(path: root + "/" + relative, relativePath: relative, split: split, label: label,
                      maskPath: mask.map { root + "/" + $0 })
    }

    /// The relative path without its extension.
    private static func stem(_ relative: String) -> String {
        guard let dot = relative.lastIndex(of: "."), !relative[dot...].contains("/") else { return relative }
        return String(relative[..<dot])
    }
}
