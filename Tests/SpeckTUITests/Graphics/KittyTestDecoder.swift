import Foundation
import SpeckTUI

/// Reads back what `KittyEncoder` emits, as a kitty terminal would: APC
/// commands, their keys, the chunks joined and base64-decoded to RGB.
struct KittyTestDecoder {
    struct Command {
        var keys: [String: String]
        var payload: String
    }

    var commands: [Command] = []

    enum Failure: Error { case malformed(String) }

    init(_ bytes: [UInt8]) throws {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while !text.isEmpty {
            guard text.hasPrefix("\u{1b}_G"), let end = text.range(of: "\u{1b}\\") else {
                throw Failure.malformed("expected ESC _ G at \(text.prefix(20).debugDescription)")
            }
            let body = text[text.index(text.startIndex, offsetBy: 3)..<end.lowerBound]
            let parts = body.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            var keys: [String: String] = [:]
            for pair in parts[0].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { throw Failure.malformed("key without value: \(pair)") }
                keys[String(kv[0])] = String(kv[1])
            }
            commands.append(Command(keys: keys, payload: parts.count > 1 ? String(parts[1]) : ""))
            text = text[end.upperBound...]
        }
    }

    /// The transmitted picture: the first command's size, all chunks' data joined.
    func picture() throws -> PixelGrid {
        guard let first = commands.first, first.keys["f"] == "24",
              let width = first.keys["s"].flatMap(Int.init), let height = first.keys["v"].flatMap(Int.init) else {
            throw Failure.malformed("first command lacks f=24, s, v")
        }
        guard let data = Data(base64Encoded: commands.map(\.payload).joined()) else { throw Failure.malformed("bad base64") }
        guard data.count == width * height * 3 else { throw Failure.malformed("\(data.count) bytes for \(width)x\(height)") }
        var grid = PixelGrid(width: width, height: height)
        let bytes = [UInt8](data)
        for i in 0..<width * height { grid.pixels[i] = RGB(bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]) }
        return grid
    }
}
