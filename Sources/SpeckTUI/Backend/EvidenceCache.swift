import Foundation
import SpeckDetectors
import SpeckImaging

/// What evidence reuses between requests: the current model's finder (a
/// restored detector) and the last few images run through the backbone, so
/// moving the cursor costs a bank lookup and one crop decode, not a new pass.
final class EvidenceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var finder: (modelId: Int64, result: Result<EvidenceFinder, Error>)?
    private var prepared: [(key: Key, image: Image, prepared: EvidenceFinder.Prepared)] = []
    private let capacity = 6

    struct Key: Equatable {
        var modelId: Int64
        var entryId: Int
    }

    /// The finder of `modelId`, made once (a failure too: it would fail again the same way).
    func finder(modelId: Int64, make: () throws -> EvidenceFinder) throws -> EvidenceFinder {
        if let cached = lock.withLock({ finder }), cached.modelId == modelId { return try cached.result.get() }
        let result = Result { try make() }
        lock.withLock { finder = (modelId, result) }
        return try result.get()
    }

    func prepared(_ key: Key, make: () throws -> (Image, EvidenceFinder.Prepared)) throws -> (Image, EvidenceFinder.Prepared) {
        if let hit = lock.withLock({ prepared.first { $0.key == key } }) { return (hit.image, hit.prepared) }
        let (image, made) = try make()
        lock.withLock {
            prepared.append((key, image, made))
            if prepared.count > capacity { prepared.removeFirst() }
        }
        return (image, made)
    }
}
