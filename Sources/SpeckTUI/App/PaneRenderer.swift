import Foundation
import SpeckDetectors

/// Prepares image-pane pictures on a background queue and caches them, so
/// moving through the list never waits on decoding or resampling. The cache
/// itself is touched only by the UI thread; the queue checks a thread-safe
/// "still wanted" set so that skipped-over images are not prepared.
final class PaneRenderer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "speck.render", qos: .userInitiated)
    private let lock = NSLock()
    private var wanted: Set<PaneRequest> = []
    // UI thread only:
    private var cache: [PaneRequest: PaneLayers] = [:]
    private var recent: [PaneRequest] = []
    private var inFlight: Set<PaneRequest> = []
    private var failures: [PaneRequest: String] = [:]
    private let capacity = 48
    private let fullResolutionCapacity = 6
    /// Bumped by `reset`: the same request may then give other layers (new calibration, new heat colours).
    private(set) var generation = 0

    func cached(_ request: PaneRequest) -> PaneLayers? { cache[request] }
    func failure(_ request: PaneRequest) -> String? { failures[request] }

    /// Asks for `requests` (the first is the one on screen); earlier wishes are dropped.
    func want(_ requests: [(PaneRequest, ImageEntry)], backend: WorkstationBackend,
              normalise: @escaping @Sendable (Float) -> Float, mailbox: Mailbox) {
        lock.withLock { wanted = Set(requests.map(\.0)) }
        for (request, entry) in requests where cache[request] == nil && failures[request] == nil && !inFlight.contains(request) {
            inFlight.insert(request)
            queue.async { [self] in
                guard lock.withLock({ wanted.contains(request) }) else {
                    mailbox.post(.layersFailed(request, ""))  // dropped: lets the UI ask again later
                    return
                }
                do {
                    let image = try backend.decodeImage(entry)
                    let mask = try? backend.decodeMask(entry)
                    let map = backend.anomalyMap(entry)
                    let fitting = PaneFitting(imageWidth: image.width, imageHeight: image.height,
                                              columns: request.columns, rows: request.rows)
                    guard fitting.pixelWidth > 0 else { throw PaneError.paneTooSmall }
                    let (width, height) = request.fullResolution ? (image.width, image.height)
                        : request.cellPixels.map { cell in
                            // The half-blocks' cells in device pixels, the image fitted inside with its own aspect
                            // (cells are not always twice as tall as wide).
                            PixelGrid.fittedSize(width: image.width, height: image.height,
                                                into: fitting.pixelWidth * cell.width, fitting.pixelHeight / 2 * cell.height)
                        } ?? (fitting.pixelWidth, fitting.pixelHeight)
                    let layers = PaneLayers(image: image, map: map, mask: mask, width: width, height: height,
                                            normalise: normalise)
                    mailbox.post(.layersReady(request, layers))
                } catch {
                    mailbox.post(.layersFailed(request, "\(error)"))
                }
            }
        }
    }

    func finished(_ request: PaneRequest, layers: PaneLayers?, failure: String?) {
        inFlight.remove(request)
        if let layers {
            cache[request] = layers
            recent.removeAll { $0 == request }
            recent.append(request)
            if recent.count > capacity { cache[recent.removeFirst()] = nil }
            // Whole images and device-pixel pictures are large (a 900x900 one is ~17 MB of layers): keep only a few.
            let whole = recent.filter(\.isLarge)
            if whole.count > fullResolutionCapacity {
                recent.removeAll { $0 == whole[0] }
                cache[whole[0]] = nil
            }
        } else if let failure, !failure.isEmpty {
            failures[request] = failure
        }
    }

    /// Forgets everything (new model, new calibration, new theme of heat).
    func reset() {
        generation += 1
        cache.removeAll()
        recent.removeAll()
        failures.removeAll()
    }

    enum PaneError: Error, CustomStringConvertible {
        case paneTooSmall
        var description: String { "the pane is too small to draw the image" }
    }
}

