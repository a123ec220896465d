import Foundation

/// Keeps the terminal's pictures in step with the frames. Composing and
/// encoding a picture (milliseconds to tens of them) runs on a background
/// queue so keys stay quick; the bytes are written on the UI thread, between
/// ncurses frames, since both share the terminal. Remembers what is on
/// screen (where, a hash of the pixels) and sends only what changed.
/// Per frame: `update` before the text is presented (it says whether the
/// text must be repainted in full), `flush` after it.
final class ImageSender: @unchecked Sendable {
    let graphics: GraphicsProtocol
    private let output: ([UInt8]) -> Void
    /// Nil: encode on the caller's thread (tests).
    private let encodeQueue: DispatchQueue?
    /// Called from the encode queue when a result is ready (wakes the UI loop).
    private let ready: @Sendable () -> Void

    private struct Shown { var box: Rect; var hash: Int; var payload: [UInt8] }
    /// One picture of a finished encode: its hash, and its bytes unless it is already on screen.
    private struct Encoded: Sendable { var hash: Int; var payload: [UInt8]? }
    private struct Result: Sendable { var generation: Int; var boxes: [Rect]; var pictures: [Encoded] }

    // UI thread only:
    private var shown: [Shown] = []
    private var askedKey: AnyHashable?
    private var askedBoxes: [Rect] = []
    private var generation = 0
    private var pending: [UInt8] = []
    /// Indices of `shown` to (re)send at the next flush.
    private var toSend: [Int] = []
    // Shared with the encode queue, under the lock:
    private let lock = NSLock()
    private var finished: Result?

    static let firstKittyId = 7301

    init(graphics: GraphicsProtocol, encodeQueue: DispatchQueue? = DispatchQueue(label: "speck.graphics", qos: .userInitiated),
         ready: @escaping @Sendable () -> Void = {}, output: @escaping ([UInt8]) -> Void = ImageSender.writeToStandardOutput) {
        self.graphics = graphics
        self.encodeQueue = encodeQueue
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
        let graphics = graphics
        let work: @Sendable () -> Result = {
            let pictures = scene.pictures()
            guard pictures.count == scene.boxes.count else { return Result(generation: generation, boxes: [], pictures: []) }
            let encoded = zip(scene.boxes, pictures).enumerated().map { i, pair -> Encoded in
                let (box, picture) = pair
                let hash = picture.contentHash
                let same = i < onScreen.count && onScreen[i].0 == box && onScreen[i].1 == hash
                return Encoded(hash: hash, payload: same ? nil : Self.encode(picture, box: box, index: i, graphics: graphics))
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
            guard let payload = picture.payload else { continue }  // already on screen
            let entry = Shown(box: box, hash: picture.hash, payload: payload)
            if i < shown.count { shown[i] = entry } else { shown.append(entry) }
            toSend.append(i)
        }
        // A full repaint erases every sixel/iTerm2 picture: send them all again.
        if repaint { toSend = Array(shown.indices) }
        return repaint
    }

    /// Writes what `update` decided. After a full repaint of the text (resize,
    /// palette reset) every picture is sent again, since clearing the screen removes them.
    func flush(textRepaintedInFull: Bool) {
        if textRepaintedInFull { toSend = Array(shown.indices) }
        for i in Set(toSend).sorted() {
            let box = shown[i].box
            if graphics == .kitty { pending += KittyEncoder.delete(id: Self.firstKittyId + i) }
            // Save the cursor, go to the box, draw, restore: ncurses must find the cursor where it left it.
            pending += Array("\u{1b}7\u{1b}[\(box.y + 1);\(box.x + 1)H".utf8)
            pending += shown[i].payload
            pending += Array("\u{1b}8".utf8)
        }
        toSend.removeAll()
        guard !pending.isEmpty else { return }
        output(pending)
        pending.removeAll()
    }

    /// Removes every picture (leaving the pane to text, and at exit) and writes that at once.
    func clearNow() {
        _ = update(nil)
        flush(textRepaintedInFull: false)
    }

    /// Forgets pictures from `index` on; kitty deletes them, the others need the text repainted.
    private func remove(from index: Int) -> Bool {
        guard index < shown.count else { return false }
        if graphics == .kitty {
            for i in index..<shown.count { pending += KittyEncoder.delete(id: Self.firstKittyId + i) }
        }
        shown.removeSubrange(index...)
        toSend.removeAll { $0 >= index }
        return graphics != .kitty
    }

    private static func encode(_ picture: PixelGrid, box: Rect, index: Int, graphics: GraphicsProtocol) -> [UInt8] {
        switch graphics {
        case .kitty: return KittyEncoder.place(picture, id: firstKittyId + index, columns: box.width, rows: box.height)
        case .sixel: return SixelEncoder.encode(picture)
        case .iterm: return (try? ITermEncoder.place(picture, columns: box.width, rows: box.height)) ?? []
        case .blocks: return []
        }
    }

    /// Writes all of `bytes` to the terminal, retrying short writes (a picture is megabytes).
    static func writeToStandardOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += written
            }
        }
    }
}
