import Foundation

/// The evidence pane (`x`): on or off, the spot the cursor picked, and the
/// evidence already found (or being found) per image, model and spot.
public struct EvidenceState: Sendable {
    public var isOn = false
    /// The spot picked with the cursor keys (image pixels), on the image `cursorEntryId`; elsewhere the hottest spot.
    public var cursor: EvidenceSpot?
    public var cursorEntryId: Int?
    var outcomes: [EvidenceRequest: EvidenceOutcome] = [:]
    var recent: [EvidenceRequest] = []
    var inFlight: Set<EvidenceRequest> = []
    /// Requests still worth computing: the background skips the rest (images scrolled past).
    let wanted = EvidenceWishes()
    /// The request on screen and since when it is wanted (nil once its evidence was drawn), for the latency log.
    var awaited: (request: EvidenceRequest, since: DispatchTime?)?
    static let capacity = 24

    public init() {}

    /// The spot to explain on an image: the cursor's when it was picked there, else the hottest spot (nil).
    public func spot(onEntry entryId: Int) -> EvidenceSpot? { cursorEntryId == entryId ? cursor : nil }

    mutating func store(_ outcome: EvidenceOutcome, for request: EvidenceRequest) {
        inFlight.remove(request)
        outcomes[request] = outcome
        recent.removeAll { $0 == request }
        recent.append(request)
        if recent.count > Self.capacity { outcomes[recent.removeFirst()] = nil }
    }
}

/// One image, model and spot (nil: the hottest).
struct EvidenceRequest: Hashable, Sendable {
    var entryId: Int
    var modelGeneration: Int
    var spot: EvidenceSpot?
}

enum EvidenceOutcome: Sendable {
    case shown(WorkstationEvidence)
    case failed(String)
}

/// Thread-safe set of the evidence requests still wanted.
final class EvidenceWishes: @unchecked Sendable {
    private let lock = NSLock()
    private var wanted: Set<EvidenceRequest> = []

    func replace(with requests: [EvidenceRequest]) { lock.withLock { wanted = Set(requests) } }
    func contains(_ request: EvidenceRequest) -> Bool { lock.withLock { wanted.contains(request) } }
}
