/// The kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole): raw 24-bit
/// RGB, base64, in APC commands `ESC _ G <keys> ; <data> ESC \` of at most
/// 4096 payload bytes each (`m=1` on every chunk but the last, `m=0`).
/// A picture is transmitted (`a=t`, megabytes, independent of the cursor, so
/// it can go out in the background between text frames) and then placed
/// (`a=p`, a few bytes, at the cursor). Every picture carries an id so that it
/// can be replaced and deleted; `q=2` on every command keeps the terminal from
/// answering, since answers would arrive as key presses (older kitty wants it
/// repeated on each chunk).
public enum KittyEncoder {
    public static let chunkSize = 4096

    /// Transmits `grid` as picture `id` without showing it: one command per chunk.
    public static func transmit(_ grid: PixelGrid, id: Int) -> [[UInt8]] {
        let payload = Base64.encode(grid.rgbBytes)
        let first = "a=t,f=24,s=\(grid.width),v=\(grid.height),i=\(id),q=2"
        var chunks: [[UInt8]] = []
        chunks.reserveCapacity(payload.count / chunkSize + 1)
        var start = 0
        repeat {
            let end = min(payload.count, start + chunkSize)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0 ? first + ",m=\(more)" : "m=\(more),q=2"
            var chunk: [UInt8] = [0x1b, UInt8(ascii: "_"), UInt8(ascii: "G")]
            chunk.reserveCapacity(end - start + keys.utf8.count + 6)
            chunk += Array(keys.utf8)
            chunk.append(UInt8(ascii: ";"))
            chunk += payload[start..<end]
            chunk += [0x1b, UInt8(ascii: "\\")]
            chunks.append(chunk)
            start = end
        } while start < payload.count
        return chunks
    }

    /// Shows the transmitted picture `id` at the cursor, scaled to `columns` x `rows`
    /// cells, without moving the cursor (C=1). One placement per picture (p=1):
    /// placing it again moves it instead of adding a second copy.
    public static func place(id: Int, columns: Int, rows: Int) -> [UInt8] {
        Array("\u{1b}_Ga=p,i=\(id),p=1,c=\(columns),r=\(rows),C=1,q=2\u{1b}\\".utf8)
    }

    /// Both at once: what a picture costs to send.
    public static func transmitAndPlace(_ grid: PixelGrid, id: Int, columns: Int, rows: Int) -> [UInt8] {
        transmit(grid, id: id).flatMap { $0 } + place(id: id, columns: columns, rows: rows)
    }

    /// Ends a transmission early: an empty last chunk. The terminal drops the
    /// incomplete picture (an error, which q=2 keeps silent).
    public static let endTransmission: [UInt8] = Array("\u{1b}_Gm=0,q=2;\u{1b}\\".utf8)

    /// Deletes the picture `id`, its placements and its data (d=I).
    public static func delete(id: Int) -> [UInt8] {
        Array("\u{1b}_Ga=d,d=I,i=\(id),q=2\u{1b}\\".utf8)
    }
}
