import Foundation

/// How far one model's scoring has come across every machine: images scored
/// of those present, and the shards (`--shard I/N`) that have run on it.
public struct ScoringProgress: Sendable, Equatable {
    public var model: String
    public var scored: Int
    public var images: Int
    /// "I/N" of each shard seen, in order (a run without --shard is "0/1").
    public var shards: [String]

    /// "model m3: 61,204 of 100,000 images scored (4 shards seen)".
    public var summary: String {
        let seen = shards.isEmpty ? "" : " (\(shards.count) shard\(shards.count == 1 ? "" : "s") seen: \(shards.joined(separator: ", ")))"
        return "model \(model): \(Self.grouped(scored)) of \(Self.grouped(images)) images scored" + seen
    }

    /// 61204 → "61,204".
    static func grouped(_ number: Int) -> String {
        var text = String(number)
        var split = text.count - 3
        while split > 0 {
            text.insert(",", at: text.index(text.startIndex, offsetBy: split))
            split -= 3
        }
        return text
    }
}

extension Workspace {
    /// Records that `shard` started scoring with model `modelId` (kept as a
    /// setting, "shard.<model id>.<I>/<N>" = host and time), for `scoringProgress`.
    public func recordShardStarted(_ shard: Shard, modelId: Int64, at date: Date = Date()) throws {
        let host = ProcessInfo.processInfo.hostName
        try store.setSetting(Self.shardKeyPrefix(modelId) + shard.description,
                             to: "\(host) \(ISO8601DateFormatter().string(from: date))")
    }

    /// Each model's progress, oldest model first (models without scores or shards left out).
    public func scoringProgress() throws -> [ScoringProgress] {
        let (images, scored) = try store.scoredCounts()
        let started = try store.settings(prefix: "shard.")
        return try store.models().compactMap { model in
            let prefix = Self.shardKeyPrefix(model.id!)
            let shards = started.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                .sorted { Self.shardOrder($0).lexicographicallyPrecedes(Self.shardOrder($1)) }
            let count = scored[model.id!] ?? 0
            guard count > 0 || !shards.isEmpty else { return nil }
            return ScoringProgress(model: model.name, scored: count, images: images, shards: shards)
        }
    }

    private static func shardKeyPrefix(_ modelId: Int64) -> String { "shard.\(modelId)." }

    /// Orders "I/N" by N, then I, numerically.
    private static func shardOrder(_ text: String) -> [Int] {
        text.split(separator: "/").compactMap { Int($0) }.reversed()
    }
}
