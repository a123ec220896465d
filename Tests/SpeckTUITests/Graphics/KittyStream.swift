import Foundation

/// The kitty graphics commands in a captured terminal output stream: which
/// pictures were transmitted (keys and decoded size) and which deleted.
struct KittyStream {
    struct Transmission {
        var keys: [String: String]
        var bytes: Int
        var id: String { keys["i"] ?? "" }
        func number(_ key: String) -> Int { Int(keys[key] ?? "") ?? -1 }
    }

    var transmissions: [Transmission] = []
    /// The keys of each placement (`a=p`): where a transmitted picture was shown.
    var placements: [[String: String]] = []
    var deletedIds: [String] = []

    init(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        var current: (keys: [String: String], payload: String)?
        for piece in text.components(separatedBy: "\u{1b}_G").dropFirst() {
            guard let end = piece.range(of: "\u{1b}\\") else { continue }
            let body = piece[..<end.lowerBound]
            let head = body.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            var keys: [String: String] = [:]
            for pair in head[0].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { keys[String(kv[0])] = String(kv[1]) }
            }
            let payload = head.count > 1 ? String(head[1]) : ""
            if keys["a"] == "d" {
                deletedIds.append(keys["i"] ?? "")
                continue
            }
            if keys["a"] == "p" {
                placements.append(keys)
                continue
            }
            if keys["a"] == "t" || keys["a"] == "T" { current = (keys, "") }
            current?.payload += payload
            if keys["m"] == "0", let done = current {
                transmissions.append(Transmission(keys: done.keys, bytes: Data(base64Encoded: done.payload)?.count ?? -1))
                current = nil
            }
        }
    }
}
