import Foundation

/// One of N disjoint slices of a workspace's images for scoring spread over
/// machines (`--shard I/N`, I from 0): an image belongs to the slice its
/// root-relative path hashes to, so slices never overlap, cover every image,
/// and stay the same whichever machine, order or rerun computes them.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole set, as one shard.
    public static let all = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Reads "I/N" with 0 <= I < N (Slurm's array index and Kubernetes'
    /// completion index both count from 0).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0 ..< count).contains(index) else {
            throw ShardError(text: text)
        }
        self.init(uncheckedIndex: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the image at `relativePath` (relative to the image root) is in this slice.
    public func contains(relativePath: String) -> Bool {
        count == 1 || Int(Self.stableHash(relativePath) % UInt64(count)) == index
    }

    /// FNV-1a over the path's UTF-8 bytes: fixed by its definition, unlike
    /// Swift's `Hasher`, which is seeded afresh in every process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

public struct ShardError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "--shard \(text): expected I/N with 0 <= I < N, e.g. 0/4 ... 3/4" }
}
