/// Maps detector kinds ("lbp", "patchcore", ...) to their types: makes a fresh
/// detector from command-line style options and restores fitted ones from
/// model files. The CLI, the workspace and the TUI go through here.
public struct DetectorRegistry: Sendable {
    public struct Entry: Sendable {
        public var kind: String
        /// One line for `--help` and error messages.
        public var summary: String
        /// Whether the detector needs pretrained backbone weights.
        public var needsBackbone: Bool
        /// Backbone used when none is given (nil for pixel-level detectors).
        public var defaultBackbone: String?
        /// Whether the fit has a random element set by a `seed` parameter
        /// (what `speck eval --seeds N` varies).
        public var isSeeded: Bool
        /// The resize used when none is given (`--resize`).
        public var defaultResize: Int
        public var make: @Sendable (DetectorConfiguration, DetectorResources) throws -> any Detector
        public var restore: @Sendable (DetectorConfiguration, DetectorState, DetectorResources) throws -> any Detector

        /// An entry whose restore is the type's own `Detector.restore`.
        public init<D: Detector>(_ type: D.Type, summary: String, defaultBackbone: String? = nil, isSeeded: Bool = false,
                                 defaultResize: Int = Preprocessing.standardResize,
                                 make: @escaping @Sendable (DetectorConfiguration, DetectorResources) throws -> D) {
            self.kind = D.kind
            self.summary = summary
            self.needsBackbone = defaultBackbone != nil
            self.defaultBackbone = defaultBackbone
            self.isSeeded = isSeeded
            self.defaultResize = defaultResize
            self.make = { try make($0, $1) }
            self.restore = { try D.restore(configuration: $0, state: $1, resources: $2) }
        }
    }

    public private(set) var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// Adds or replaces the entry of a kind.
    public mutating func register(_ entry: Entry) {
        entries.removeAll { $0.kind == entry.kind }
        entries.append(entry)
    }

    public var kinds: [String] { entries.map(\.kind) }

    public func entry(for kind: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.kind == kind.lowercased() }) else {
            throw DetectorError.invalidParameter("unknown detector '\(kind)' (known: \(kinds.joined(separator: ", ")))")
        }
        return entry
    }

    /// A fresh, unfitted detector from `--detector`, `--backbone`, `--weights`,
    /// `key=value` parameters and the preprocessing options (default: the
    /// detector's own resize, nothing else).
    public func makeDetector(kind: String, backbone: String? = nil, weightsPath: String? = nil,
                             parameters: [String: String] = [:],
                             preprocessing: Preprocessing? = nil) throws -> any Detector {
        let entry = try entry(for: kind)
        let preprocessing = preprocessing ?? Preprocessing(resize: entry.defaultResize)
        if backbone != nil, !entry.needsBackbone {
            throw DetectorError.invalidParameter("detector '\(entry.kind)' works on pixels and takes no --backbone")
        }
        let configuration = DetectorConfiguration(detector: entry.kind, backbone: backbone ?? entry.defaultBackbone,
                                                  parameters: parameters, preprocessing: preprocessing)
        try NonSquareInput.check(configuration)
        return WholeImageDetector.wrapping(try entry.make(configuration, DetectorResources(weightsPath: weightsPath)))
    }

    /// Parses `key=value` words into parameters, rejecting malformed ones.
    public static func parameters(from words: [String]) throws -> [String: String] {
        var parameters: [String: String] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw DetectorError.invalidParameter("'\(word)' is not key=value")
            }
            parameters[parts[0]] = parts[1]
        }
        return parameters
    }

    /// The fitted detector stored in a model file.
    public func restore(_ model: ModelFile, resources: DetectorResources = .init()) throws -> any Detector {
        let entry = try entry(for: model.configuration.detector)
        try NonSquareInput.check(model.configuration)
        return WholeImageDetector.wrapping(try entry.restore(model.configuration, model.state, resources))
    }
}
