import Foundation
import SpeckImaging
import SpeckTUI

/// Reads back an iTerm2 inline image: the OSC 1337 arguments and the PNG,
/// decoded with SpeckImaging's PNG reader.
struct ITermTestDecoder {
    var arguments: [String: String] = [:]
    var picture: PixelGrid

    enum Failure: Error { case malformed(String) }

    init(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("\u{1b}]1337;File="), text.hasSuffix("\u{07}"), let colon = text.firstIndex(of: ":") else {
            throw Failure.malformed("not OSC 1337 File=...:...BEL")
        }
        let head = text[text.index(text.startIndex, offsetBy: "\u{1b}]1337;File=".count)..<colon]
        for pair in head.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { arguments[String(kv[0])] = String(kv[1]) }
        }
        let base64 = String(text[text.index(after: colon)..<text.index(before: text.endIndex)])
        guard let png = Data(base64Encoded: base64) else { throw Failure.malformed("bad base64") }
        guard Int(arguments["size"] ?? "") == png.count else { throw Failure.malformed("size= does not match the PNG") }
        let image = try png.withUnsafeBytes { try ImageIO.decode($0, path: "iTerm2 payload") }
        guard image.channels == 3 else { throw Failure.malformed("\(image.channels) channels") }
        var grid = PixelGrid(width: image.width, height: image.height)
        let plane = image.width * image.height
        for i in 0..<plane {
            grid.pixels[i] = RGB(unit: image.pixels[i], image.pixels[plane + i], image.pixels[2 * plane + i])
        }
        picture = grid
    }
}
