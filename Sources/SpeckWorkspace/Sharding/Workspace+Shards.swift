import Foundation

extension Workspace {
    /// The images of `shard` among `images` that model `modelId` has not
    /// scored yet, by path: what a (re)started shard still has to do.
    public func unscored(_ images: [KnownImage], modelId: Int64, shard: Shard) throws
        -> (pending: [KnownImage], inShard: Int) {
        let done = Set(try store.scores(modelId: modelId).map(\.imageId))
        let mine = images.filter { shard.contains(relativePath: $0.record.path) }
        let pending = mine.filter { !done.contains($0.record.id!) }.sorted { $0.record.path < $1.record.path }
        return (pending, mine.count)
    }
}
