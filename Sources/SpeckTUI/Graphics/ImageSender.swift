import Foundation

/// Keeps the terminal's pictures in step with the frames. Composing and
/// encoding a picture (milliseconds to tens of them) runs on a background
/// queue so keys stay quick, and so does writing it: a picture is megabytes,
/// which a terminal takes its time to read. Writes go out in order on one
/// queue, each command whole under `TerminalOutput.lock`, between ncurses
/// frames. kitty pictures are transmitted in the background under a second
/// id and placed (a few bytes) once they are there, so the old picture stays
/// until the new one can replace it. Remembers what is on screen (where, a
/// hash of the pixels) and sends only what changed.
/// Per frame: `update` before the text is presented (it says whether the
/// text must be repainted in full), `flush` after it.
final class ImageSender: @unchecked Sendable {
    let graphics: GraphicsProtocol
    private let output: @Sendable ([UInt8]) -> Void
    /// Nil: encode or write on the caller's thread (tests).
    private let encodeQueue: DispatchQueue?
    private let writeQueue: DispatchQueue?
    /// Called from the encode queue when a result is ready (wakes the UI loop).
    private let ready: @Sendable () -> Void

    /// `commands`: the picture's bytes, one whole command each (kitty: its transmission chunks).
    private struct Shown { var box: Rect; var hash: Int; var commands: [[UInt8]]; var kittyId: Int; var transmitted: Bool }
    /// One picture of a finished encode: its hash, and its commands unless it is already on screen.
    private struct Encoded: Sendable { var hash: Int; var commands: [[UInt8]]?; var kittyId: Int }
    private struct Result: Sendable { var generation: Int; var boxes: [Rect]; var pictures: [Encoded] }

    // UI thread only:
    private var shown: [Shown] = []
    private var askedKey: AnyHashable?
    private var askedBoxes: [Rect] = []
    private var generation = 0
    private var pending: [UInt8] = []
    /// Indices of `shown` to (re)send at the next flush.
    private var toSend: [Int] = []
    /// kitty ids replaced by a new transmission, deleted when the new picture is placed.
    private var replacedIds: [Int: Int] = [:]
    // Shared with the encode and write queues, under the lock:
    private let lock = NSLock()
    private var finished: Result?
    /// The latest transmission per box: an older one still being written is cut short.
    private var latestTicket: [Int: Int] = [:]
    private var ticketCount = 0

    /// kitty ids: box i alternates between firstKittyId + 2i and the one after.
    static let firstKittyId = 7301

    init(graphics: GraphicsProtocol, encodeQueue: DispatchQueue? = DispatchQueue(label: "speck.graphics", qos: .userInitiated),
         writeQueue: DispatchQueue? = DispatchQueue(label: "speck.graphics.write", qos: .userInitiated),
         ready: @escaping @Sendable () -> Void = {}, output: @escaping @Sendable ([UInt8]) -> Void = TerminalOutput.write) {
        self.graphics = graphics
        self.encodeQueue = encodeQueue
        self.writeQueue = writeQueue
        self.ready = ready
        self.output = output
    }

    /// The boxes pictures are shown in now.
    var shownBoxes: [Rect] { shown.map(\.box) }

    /// Takes in `scene` (nil: no pictures, the pane is text) and any encode that finished.
    /// Returns true when the text screen must be repainted in full first: sixel and iTerm2
    /// pictures that moved or went away leave pixels behind that only repainted text covers.
    func update(_ scene: GraphicsScene?) -> Bool {
        guard let scene, !scene.boxes.isEmpty else {
            askedKey = nil
            askedBoxes = []
            generation += 1  // an encode still running is not wanted any more
            return remove(from: 0)
        }
        var repaint = false
        if scene.key != askedKey || scene.boxes != askedBoxes {
            askedKey = scene.key
            askedBoxes = scene.boxes
            generation += 1
            encode(scene, generation: generation)
        }
        if let result = lock.withLock({ () -> Result? in defer { finished = nil }; return finished }),
           result.generation == generation {
            repaint = adopt(result)
        }
        return repaint
    }

    /// Composes and encodes `scene`'s pictures, leaving out those already on screen.
    private func encode(_ scene: GraphicsScene, generation: Int) {
        let onScreen = shown.map { ($0.box, $0.hash) }
        // A kitty picture goes to the id its box is not showing, so the shown one stays until replaced.
        let ids = scene.boxes.indices.map { i in
            let first = Self.firstKittyId + 2 * i
            return i < shown.count && shown[i].kittyId == first ? first + 1 : first
        }
        let graphics = graphics
        let work: @Sendable () -> Result = {
            let pictures = scene.pictures()
            guard pictures.count == scene.boxes.count else { return Result(generation: generation, boxes: [], pictures: []) }
            let encoded = zip(scene.boxes, pictures).enumerated().map { i, pair -> Encoded in
                let (box, picture) = pair
                let hash = picture.contentHash
                let same = i < onScreen.count && onScreen[i].0 == box && onScreen[i].1 == hash
                return Encoded(hash: hash, commands: same ? nil : Self.encode(picture, box: box, kittyId: ids[i], graphics: graphics),
                               kittyId: ids[i])
            }
            return Result(generation: generation, boxes: scene.boxes, pictures: encoded)
        }
        guard let encodeQueue else {
            let result = work()
            lock.withLock { finished = result }
            return
        }
        encodeQueue.async { [self] in
            let result = work()
            lock.withLock { finished = result }
            ready()
        }
    }

    /// Makes a finished encode what is on screen; returns whether the text must be repainted first.
    private func adopt(_ result: Result) -> Bool {
        guard !result.boxes.isEmpty else { return remove(from: 0) }
        var repaint = graphics != .kitty && !Set(shownBoxes).isSubset(of: Set(result.boxes))
        if result.boxes.count < shown.count { repaint = remove(from: result.boxes.count) || repaint }
        for (i, (box, picture)) in zip(result.boxes, result.pictures).enumerated() {
            guard let commands = picture.commands else { continue }  // already on screen
            let entry = Shown(box: box, hash: picture.hash, commands: commands, kittyId: picture.kittyId, transmitted: false)
            if i < shown.count {
                if graphics == .kitty, shown[i].kittyId != picture.kittyId { replacedIds[i] = shown[i].kittyId }
                shown[i] = entry
            } else {
                shown.append(entry)
            }
            toSend.append(i)
        }
        // A full repaint erases every sixel/iTerm2 picture: send them all again.
        if repaint { toSend = Array(shown.indices) }
        return repaint
    }

    /// Writes what `update` decided, in the background. After a full repaint of
    /// the text (resize, palette reset) every picture is shown again, since
    /// clearing the screen removes them (kitty keeps their data: placing is enough).
    func flush(textRepaintedInFull: Bool) {
        if textRepaintedInFull { toSend = Array(shown.indices) }
        var commands: [WriteJob] = []
        if !pending.isEmpty { commands.append(.command(pending)) }
        pending.removeAll()
        for i in Set(toSend).sorted() {
            let box = shown[i].box
            // Save the cursor, go to the box, draw, restore: ncurses must find the cursor where it left it.
            let goThere = Array("\u{1b}7\u{1b}[\(box.y + 1);\(box.x + 1)H".utf8), comeBack = Array("\u{1b}8".utf8)
            if graphics == .kitty {
                // The new picture is placed before the old one is deleted: kitty 0.26 loses a transmitted,
                // not yet placed picture when another id's data is deleted (seen live under Xvfb).
                let replaced = replacedIds.removeValue(forKey: i).map(KittyEncoder.delete) ?? []
                let placement = goThere + KittyEncoder.place(id: shown[i].kittyId, columns: box.width, rows: box.height)
                    + comeBack + replaced
                if shown[i].transmitted {
                    commands.append(.command(placement))
                } else {
                    commands.append(.transmission(shown[i].commands, box: i, ticket: newTicket(box: i), then: placement))
                    shown[i].transmitted = true
                }
            } else {
                commands.append(.command(goThere + shown[i].commands.flatMap { $0 } + comeBack))
            }
        }
        toSend.removeAll()
        write(commands)
    }

    /// Removes every picture (leaving the pane to text, and at exit) and waits until that is written.
    func clearNow() {
        _ = update(nil)
        flush(textRepaintedInFull: false)
        writeQueue?.sync {}
    }

    /// Forgets pictures from `index` on; kitty deletes them, the others need the text repainted.
    private func remove(from index: Int) -> Bool {
        guard index < shown.count else { return false }
        if graphics == .kitty {
            for i in index..<shown.count {
                pending += KittyEncoder.delete(id: shown[i].kittyId)
                if let replaced = replacedIds.removeValue(forKey: i) { pending += KittyEncoder.delete(id: replaced) }
            }
        }
        shown.removeSubrange(index...)
        toSend.removeAll { $0 >= index }
        lock.withLock { latestTicket = latestTicket.filter { $0.key < index } }
        return graphics != .kitty
    }

    /// Returns once everything handed to the write queue is written (tests).
    func waitForWrites() { writeQueue?.sync {} }

    /// What the write queue does: a command, or a kitty transmission (chunk by chunk,
    /// so text frames go out in between) followed by its placement.
    private enum WriteJob {
        case command([UInt8])
        case transmission([[UInt8]], box: Int, ticket: Int, then: [UInt8])
    }

    private func newTicket(box: Int) -> Int {
        lock.withLock {
            ticketCount += 1
            latestTicket[box] = ticketCount
            return ticketCount
        }
    }

    private func isLatest(box: Int, ticket: Int) -> Bool { lock.withLock { latestTicket[box] == ticket } }

    /// Each command whole, in order, on the write queue (or here, in tests). A transmission
    /// overtaken by a newer one for its box (the user moved on) ends early with an empty last
    /// chunk, which kitty drops as incomplete, and is not placed.
    private func write(_ jobs: [WriteJob]) {
        guard !jobs.isEmpty else { return }
        guard let writeQueue else {
            // Tests: everything at once, one output per flush.
            var bytes: [UInt8] = []
            run(jobs) { bytes += $0 }
            return output(bytes)
        }
        writeQueue.async { [self] in run(jobs, emit: output) }
    }

    private func run(_ jobs: [WriteJob], emit: ([UInt8]) -> Void) {
        for job in jobs {
            switch job {
            case .command(let bytes):
                emit(bytes)
            case .transmission(let chunks, let box, let ticket, let placement):
                var complete = true
                for chunk in chunks {
                    guard isLatest(box: box, ticket: ticket) else {
                        emit(KittyEncoder.endTransmission)
                        complete = false
                        break
                    }
                    emit(chunk)
                }
                if complete { emit(placement) }
            }
        }
    }

    private static func encode(_ picture: PixelGrid, box: Rect, kittyId: Int, graphics: GraphicsProtocol) -> [[UInt8]] {
        switch graphics {
        case .kitty: return KittyEncoder.transmit(picture, id: kittyId)
        case .sixel: return [SixelEncoder.encode(picture.fitting(maxSide: SixelEncoder.largestSide))]
        case .iterm: return [(try? ITermEncoder.place(picture, columns: box.width, rows: box.height)) ?? []]
        case .blocks: return []
        }
    }
}
