import SpeckDetectors

/// One entry of `speck eval --detector a,b:key=value,...`: a detector kind and
/// its own settings. Syntax: entries separated by ','; an entry is the kind,
/// then `:key=value` settings separated by ':' (a piece without '=' continues
/// the previous value, so `score=topk:5` works); tap lists inside an entry use
/// '+' (`taps=blocks.2+blocks.4`). `all` stands for every registered detector.
public struct DetectorChoice: Sendable, Equatable {
    /// The entry as written (the row's name in the table).
    public var text: String
    public var kind: String
    public var settings: [String: String]
    /// Why the entry cannot run (malformed, unknown detector), reported in its row.
    public var problem: String?

    public init(text: String, kind: String, settings: [String: String] = [:], problem: String? = nil) {
        self.text = text
        self.kind = kind
        self.settings = settings
        self.problem = problem
    }

    /// Whether a `--detector` value asks for a comparison rather than one detector.
    public static func isList(_ text: String) -> Bool {
        text.contains(",") || text.contains(":") || text.lowercased() == "all"
    }

    /// The entries of a `--detector` list; `all` expands to `registry.kinds`.
    public static func list(_ text: String, registry: DetectorRegistry = .standard) -> [DetectorChoice] {
        text.split(separator: ",", omittingEmptySubsequences: false).flatMap { piece -> [DetectorChoice] in
            let entry = piece.trimmingCharacters(in: .whitespaces)
            if entry.lowercased() == "all" { return registry.kinds.map { DetectorChoice(text: $0, kind: $0) } }
            return [parse(entry, registry: registry)]
        }
    }

    static func parse(_ entry: String, registry: DetectorRegistry) -> DetectorChoice {
        let pieces = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kind = pieces[0].lowercased()
        var choice = DetectorChoice(text: entry, kind: kind)
        if kind.isEmpty {
            choice.problem = "empty entry in the --detector list"
            return choice
        }
        if (try? registry.entry(for: kind)) == nil {
            choice.problem = "unknown detector '\(pieces[0])' (known: \(registry.kinds.joined(separator: ", ")))"
            return choice
        }
        var lastKey: String?
        for piece in pieces.dropFirst() {
            let parts = piece.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, !parts[0].isEmpty {
                if choice.settings[parts[0]] != nil {
                    choice.problem = "\(kind): \(parts[0]) is set twice"
                    return choice
                }
                choice.settings[parts[0]] = parts[1]
                lastKey = parts[0]
            } else if let key = lastKey, !piece.contains("=") {
                choice.settings[key]! += ":" + piece
            } else {
                choice.problem = "\(kind): '\(piece)' is not key=value"
                return choice
            }
        }
        return choice
    }
}
