/// The kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole): raw 24-bit
/// RGB, base64, in APC commands `ESC _ G <keys> ; <data> ESC \` of at most
/// 4096 payload bytes each (`m=1` on every chunk but the last, `m=0`).
/// Every picture carries an id so that a new frame replaces it (delete, then
/// transmit) instead of stacking on top; `q=2` keeps the terminal from
/// answering, since answers would arrive as key presses.
public enum KittyEncoder {
    public static let chunkSize = 4096

    /// Transmits `grid` and places it at the cursor, scaled to `columns` x `rows`
    /// cells, without moving the cursor (C=1).
    public static func place(_ grid: PixelGrid, id: Int, columns: Int, rows: Int) -> [UInt8] {
        let payload = Base64.encode(grid.rgbBytes)
        let first = "a=T,f=24,s=\(grid.width),v=\(grid.height),i=\(id),c=\(columns),r=\(rows),C=1,q=2"
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + (payload.count / chunkSize + 1) * 16 + first.utf8.count)
        var start = 0
        repeat {
            let end = min(payload.count, start + chunkSize)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0 ? first + ",m=\(more)" : "m=\(more)"
            out += [0x1b, UInt8(ascii: "_"), UInt8(ascii: "G")]
            out += Array(keys.utf8)
            out.append(UInt8(ascii: ";"))
            out += payload[start..<end]
            out += [0x1b, UInt8(ascii: "\\")]
            start = end
        } while start < payload.count
        return out
    }

    /// Deletes the picture `id`, its placements and its data (d=I).
    public static func delete(id: Int) -> [UInt8] {
        Array("\u{1b}_Ga=d,d=I,i=\(id),q=2\u{1b}\\".utf8)
    }
}
