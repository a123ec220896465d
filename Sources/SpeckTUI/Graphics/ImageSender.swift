import Foundation

/// Keeps the terminal's pictures in step with the frames: remembers what was
/// sent (where, a hash of the pixels, the encoded bytes) and sends only what
/// changed. Per frame: `update` before the text is presented (it says
/// whether the text must be repainted in full), `flush` after it.
final class ImageSender {
    let graphics: GraphicsProtocol
    private let output: ([UInt8]) -> Void
    private struct Shown { var box: CellBox; var hash: Int; var payload: [UInt8] }
    private var shown: [Shown] = []
    private var lastKey: AnyHashable?
    private var pending: [UInt8] = []
    /// Indices of `shown` to (re)send at the next flush.
    private var toSend: [Int] = []
    static let firstKittyId = 7301

    init(graphics: GraphicsProtocol, output: @escaping ([UInt8]) -> Void = ImageSender.writeToStandardOutput) {
        self.graphics = graphics
        self.output = output
    }

    /// The boxes pictures are shown in now (tests, and blanking the text under them).
    var shownBoxes: [CellBox] { shown.map(\.box) }

    /// Decides what the next flush sends for `scene` (nil: no pictures, the pane is text).
    /// Returns true when the text screen must be repainted in full first: sixel and iTerm2
    /// pictures that moved or went away leave pixels behind that only repainted text covers.
    func update(_ scene: GraphicsScene?) -> Bool {
        guard let scene, !scene.boxes.isEmpty else {
            lastKey = nil
            return remove(from: 0)
        }
        if scene.key == lastKey, scene.boxes == shownBoxes { return false }
        lastKey = scene.key
        let pictures = scene.pictures()
        guard pictures.count == scene.boxes.count else { return remove(from: 0) }
        var repaint = false
        if graphics != .kitty, !Set(shownBoxes).isSubset(of: Set(scene.boxes)) {
            repaint = true  // the full repaint erases every picture: send them all again
        }
        if scene.boxes.count < shown.count { repaint = remove(from: scene.boxes.count) || repaint }
        for (i, (box, picture)) in zip(scene.boxes, pictures).enumerated() {
            let hash = picture.contentHash
            if i < shown.count, shown[i].box == box, shown[i].hash == hash { continue }  // already on screen
            let entry = Shown(box: box, hash: hash, payload: encode(picture, box: box, index: i))
            if i < shown.count { shown[i] = entry } else { shown.append(entry) }
            toSend.append(i)
        }
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
        _ = remove(from: 0)
        lastKey = nil
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

    private func encode(_ picture: PixelGrid, box: CellBox, index: Int) -> [UInt8] {
        switch graphics {
        case .kitty: return KittyEncoder.place(picture, id: Self.firstKittyId + index, columns: box.columns, rows: box.rows)
        case .sixel: return SixelEncoder.encode(picture)
        case .iterm: return (try? ITermEncoder.place(picture, columns: box.columns, rows: box.rows)) ?? []
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
