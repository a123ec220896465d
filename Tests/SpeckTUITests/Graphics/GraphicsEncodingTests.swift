import Foundation
@testable import SpeckTUI
import XCTest

/// Each encoder's output decoded back to pixels by an independent reader in this target.
final class GraphicsEncodingTests: XCTestCase {
    /// A picture with every kind of content: gradients, greys, saturated colours, noise.
    static func picture(width: Int, height: Int, seed: UInt64 = 7) -> PixelGrid {
        var grid = PixelGrid(width: width, height: height)
        var state = seed
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let noise = UInt8(truncatingIfNeeded: state >> 56)
                switch (x / 8 + y / 8) % 4 {
                case 0: grid[x, y] = RGB(UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 128)
                case 1: let g = UInt8((x + y) % 256); grid[x, y] = RGB(g, g, g)
                case 2: grid[x, y] = RGB(noise, noise &* 3, noise &+ 90)
                default: grid[x, y] = RGB(255, 0, UInt8(x % 2) * 255)
                }
            }
        }
        return grid
    }

    func testKittyPayloadDecodesToTheSamePixels() throws {
        for (width, height) in [(1, 1), (37, 23), (120, 90)] {
            let source = Self.picture(width: width, height: height)
            let bytes = KittyEncoder.transmitAndPlace(source, id: 9, columns: 15, rows: 6)
            let decoder = try KittyTestDecoder(bytes)
            XCTAssertEqual(try decoder.picture(), source, "\(width)x\(height)")
            let first = try XCTUnwrap(decoder.commands.first).keys
            XCTAssertEqual(first["a"], "t", "transmitted without being shown")
            XCTAssertEqual(first["i"], "9")
            XCTAssertEqual(first["q"], "2", "answers would arrive as key presses")
            let place = try XCTUnwrap(decoder.commands.last).keys
            XCTAssertEqual(place, ["a": "p", "i": "9", "p": "1", "c": "15", "r": "6", "C": "1", "q": "2"],
                           "then shown in 15x6 cells, one placement, the cursor left where it is")
        }
    }

    func testKittyChunksFollowTheProtocol() throws {
        let source = Self.picture(width: 120, height: 90)  // 32,400 bytes: 43,200 of base64, 11 chunks
        let chunks = KittyEncoder.transmit(source, id: 3)
        let commands = try KittyTestDecoder(chunks.flatMap { $0 }).commands
        XCTAssertEqual(commands.count, chunks.count, "one whole command per chunk, so each can be written alone")
        XCTAssertEqual(commands.count, (Base64.encodedCount(120 * 90 * 3) + 4095) / 4096)
        for (i, command) in commands.enumerated() {
            let last = i == commands.count - 1
            XCTAssertLessThanOrEqual(command.payload.utf8.count, KittyEncoder.chunkSize)
            if !last { XCTAssertEqual(command.payload.utf8.count % 4, 0, "only the last chunk may end mid-group") }
            XCTAssertEqual(command.keys["m"], last ? "0" : "1", "chunk \(i)")
            if i > 0 { XCTAssertEqual(Set(command.keys.keys), ["m", "q"], "later chunks carry only m, and q for older kitty") }
        }
        let single = try KittyTestDecoder(KittyEncoder.transmit(Self.picture(width: 4, height: 4), id: 3).flatMap { $0 }).commands
        XCTAssertEqual(single.count, 1)
        XCTAssertEqual(single[0].keys["m"], "0")
        let delete = try KittyTestDecoder(KittyEncoder.delete(id: 3)).commands
        XCTAssertEqual(delete.first?.keys, ["a": "d", "d": "I", "i": "3", "q": "2"])
    }

    func testSixelDecodesToThePaletteColourOfEveryPixel() throws {
        for (width, height) in [(1, 1), (33, 13), (64, 48)] {
            let source = Self.picture(width: width, height: height)
            let decoded = try SixelTestDecoder(SixelEncoder.encode(source))
            XCTAssertEqual(decoded.width, width)
            XCTAssertEqual(decoded.height, height)
            var worst = 0
            for i in 0..<width * height {
                let pixel = try XCTUnwrap(decoded.pixels[i], "pixel \(i) of \(width)x\(height) not painted")
                let wanted = SixelPalette.colours[Int(SixelPalette.index(of: source.pixels[i]))]
                // The palette colour, up to sixel's percent steps.
                XCTAssertLessThanOrEqual(Self.maxDifference(pixel, wanted), 2, "pixel \(i)")
                worst = max(worst, Self.squaredDistance(pixel, source.pixels[i]))
            }
            // Cube steps are 51 apart, so the nearest colour is at most sqrt(3) x 25.5 = 44.2 away,
            // plus sqrt(3) x 2 for sixel's percent steps.
            XCTAssertLessThanOrEqual(Double(worst).squareRoot(), 47.7, "\(width)x\(height)")
        }
    }

    func testSixelKeepsGreysCloseAndPicksTheNearestColour() {
        for level in 0...255 {
            let grey = RGB(UInt8(level), UInt8(level), UInt8(level))
            let chosen = SixelPalette.colours[Int(SixelPalette.index(of: grey))]
            XCTAssertLessThanOrEqual(Self.maxDifference(chosen, grey), 4, "grey \(level)")
        }
        // The chosen colour is the nearest of all 256 (squared distance), checked by brute force.
        let picture = Self.picture(width: 40, height: 40, seed: 99)
        for pixel in picture.pixels {
            let chosen = SixelPalette.colours[Int(SixelPalette.index(of: pixel))]
            let best = SixelPalette.colours.map { Self.squaredDistance($0, pixel) }.min()!
            XCTAssertEqual(Self.squaredDistance(chosen, pixel), best, "\(pixel)")
        }
    }

    func testSixelRunsAreCompressed() throws {
        let flat = PixelGrid(width: 200, height: 6, fill: RGB(255, 0, 0))
        let bytes = SixelEncoder.encode(flat)
        XCTAssertLessThan(bytes.count, 80, "one band of one colour is a single run")
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("!200~"))
        XCTAssertEqual(try SixelTestDecoder(bytes).pixels.compactMap { $0 }.count, 1200)
    }

    func testITermPayloadDecodesToTheSamePixels() throws {
        for (width, height) in [(1, 1), (37, 23), (120, 90)] {
            let source = Self.picture(width: width, height: height)
            let decoder = try ITermTestDecoder(try ITermEncoder.place(source, columns: 12, rows: 7))
            XCTAssertEqual(decoder.picture, source)
            XCTAssertEqual(decoder.arguments["inline"], "1")
            XCTAssertEqual(decoder.arguments["width"], "12")
            XCTAssertEqual(decoder.arguments["height"], "7")
            XCTAssertEqual(decoder.arguments["preserveAspectRatio"], "0")
        }
    }

    func testBase64MatchesFoundation() {
        var bytes: [UInt8] = []
        for length in 0..<40 {
            XCTAssertEqual(String(decoding: Base64.encode(bytes), as: UTF8.self), Data(bytes).base64EncodedString(), "\(length) bytes")
            bytes.append(UInt8(truncatingIfNeeded: length &* 37 &+ 200))
        }
    }

    static func maxDifference(_ a: RGB, _ b: RGB) -> Int {
        max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
    }

    static func squaredDistance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
