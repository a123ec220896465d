import Foundation

/// What a terminal answered to the start-up queries (see `GraphicsDetector`):
/// the kitty graphics query's "OK", the primary device attributes (DA1,
/// `ESC [ ? 62 ; 4 ; ... c`, where 4 means sixel) and the cell size
/// (`ESC [ 6 ; height ; width t`).
public struct TerminalReplies: Sendable, Equatable {
    public var kittyGraphics = false
    public var deviceAttributes: [Int]?
    public var cell: CellPixelSize?

    public var sixel: Bool { deviceAttributes?.contains(4) ?? false }
    /// DA1 comes last and nearly every terminal answers it: once it is in, nothing more is coming.
    public var complete: Bool { deviceAttributes != nil }

    public init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        kittyGraphics = text.contains("\u{1b}_Gi=\(GraphicsDetector.queryId);OK")
        for sequence in Self.csiSequences(in: text) {
            if sequence.final == "c", sequence.parameters.hasPrefix("?") {
                deviceAttributes = Self.numbers(sequence.parameters.dropFirst())
            } else if sequence.final == "t" {
                let numbers = Self.numbers(Substring(sequence.parameters))
                if numbers.count == 3, numbers[0] == 6 {
                    cell = CellPixelSize.plausible(width: numbers[2], height: numbers[1])
                }
            }
        }
    }

    static func numbers(_ text: Substring) -> [Int] { text.split(separator: ";").compactMap { Int($0) } }

    /// Every `ESC [ <parameters> <final>` in `text`.
    static func csiSequences(in text: String) -> [(parameters: String, final: Character)] {
        var found: [(String, Character)] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1b}[") {
            rest = rest[start.upperBound...]
            guard let final = rest.firstIndex(where: { $0.isLetter }) else { break }
            found.append((String(rest[..<final]), rest[final]))
            rest = rest[rest.index(after: final)...]
        }
        return found
    }
}
