import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging
import SpeckWorkspace

/// The real backend: the folder's dataset listing, its workspace (created on
/// first open), and detectors from a registry. Its mutable bookkeeping (ids,
/// the current model) sits behind a lock because the render, store and job
/// queues all call in.
public final class WorkspaceBackend: WorkstationBackend, @unchecked Sendable {
    let folder: String
    let storeFolder: String?
    /// A PostgreSQL workspace a team shares (and the blobs folder, if given), instead of SQLite.
    let team: (address: StoreAddress, blobs: String?)?
    let registry: DetectorRegistry
    let weightsPath: String
    let lock = NSLock()
    var workspace: Workspace?
    var dataset: Dataset?
    /// Entry id → workspace image id.
    var imageIds: [Int: Int64] = [:]
    var entries: [ImageEntry] = []
    var currentModel: ModelRecord?
    var currentScores: [Int64: ScoreRecord] = [:]
    /// Maps of the model being scored, kept in memory until saved.
    var pendingMaps: [Int: PlacedMap] = [:]
    var currentCalibration: ScoreCalibration?
    /// Entry id → its dataset sample (for the evaluation module's training set and calibration).
    var samplesById: [Int: DatasetSample] = [:]
    /// Images whose full decode already succeeded in an earlier session.
    var decodedOK: Set<Int64> = []
    /// The current model's evidence finder and the last images it prepared.
    let evidenceCache = EvidenceCache()

    /// `weightsPath`: the EfficientNet-Lite0 checkpoint; detectors that need it are offered only when it exists.
    public init(folder: String, storeFolder: String? = nil, registry: DetectorRegistry, weightsPath: String,
                team: (address: StoreAddress, blobs: String?)? = nil) {
        self.folder = folder
        self.storeFolder = storeFolder
        self.team = team
        self.registry = registry
        self.weightsPath = weightsPath
    }

    var weightsAvailable: Bool { FileManager.default.fileExists(atPath: weightsPath) }

    public func open() throws -> Catalogue {
        let dataset = try Dataset.discover(at: folder)
        let title = URL(fileURLWithPath: dataset.root).lastPathComponent
        if dataset.samples.isEmpty {
            var lines = ["There are no images (PNG or JPEG) in \(dataset.root)."]
            if dataset.skippedNonImage > 0 { lines.append("\(dataset.skippedNonImage) other files were skipped.") }
            lines += dataset.problems.prefix(8).map { "⚠ \($0)" }
            lines += ["", "Point speck at a folder of product photos, e.g. speck sample-images/", "q quits"]
            return Catalogue(title: title, entries: [], notice: ("No images in \(title)", lines))
        }
        let workspace = try openWorkspace(imageRoot: dataset.root)
        let report = try Rescanner(workspace: workspace).rescan()
        let records = try workspace.images().filter { $0.missingSince == nil }
        let idsByPath = Dictionary(records.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let labels = Dictionary(try workspace.currentLabels().map { ($0.imageId, $0.verdict) }, uniquingKeysWith: { _, last in last })
        var entries: [ImageEntry] = []
        var ids: [Int: Int64] = [:]
        for sample in dataset.samples {
            let record = idsByPath[sample.relativePath]
            var entry = ImageEntry(id: entries.count, relativePath: sample.relativePath, path: sample.path,
                                   groundTruth: Self.groundTruth(of: sample), maskPath: sample.maskPath,
                                   isTraining: sample.split == .train)
            entry.problem = Self.problem(of: sample, record: record)
            if let record, let id = record.id {
                ids[entry.id] = id
                entry.label = labels[id].flatMap(Self.label(from:))
            }
            entries.append(entry)
        }
        for problem in dataset.problems {
            entries.append(ImageEntry(id: entries.count, relativePath: problem.path, path: problem.path, problem: problem.reason))
        }
        var catalogue = Catalogue(title: title, entries: entries, messages: report.problems)
        if entries.allSatisfy({ $0.problem != nil }) {
            let lines = ["None of the \(entries.count) image files in \(dataset.root) can be read:"]
                + entries.prefix(10).map { "⚠ \($0.relativePath): \($0.problem!)" }
                + (entries.count > 10 ? ["… and \(entries.count - 10) more"] : []) + ["", "q quits"]
            catalogue.notice = ("Only unreadable files in \(title)", lines)
        }
        lock.withLock {
            self.workspace = workspace
            self.dataset = dataset
            self.imageIds = ids
            self.entries = entries
            self.samplesById = Dictionary(uniqueKeysWithValues: dataset.samples.enumerated().map { ($0.offset, $0.element) })
            self.decodedOK = Set(records.filter { $0.decodeStatus == .ok }.compactMap(\.id))
        }
        try loadNewestModel(into: &catalogue)
        return catalogue
    }

    func openWorkspace(imageRoot: String) throws -> Workspace {
        if let team {
            // This machine's folder is the image root, wherever the workspace was made.
            do { return try Workspace.open(team.address, blobs: team.blobs, imageRoot: imageRoot) } catch WorkspaceError.emptyStore {
                return try Workspace.create(imageRoot: imageRoot, store: team.address, blobs: team.blobs)
            }
        }
        let store = storeFolder ?? URL(fileURLWithPath: imageRoot).appendingPathComponent(WorkspaceLocation.defaultFolderName).path
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: store).appendingPathComponent(WorkspaceLocation.databaseName).path) {
            return try Workspace.open(storeFolder: URL(fileURLWithPath: store))
        }
        return try Workspace.create(imageRoot: imageRoot, storeFolder: store)
    }

    /// Scores, threshold and calibration of the newest model, if there is one.
    func loadNewestModel(into catalogue: inout Catalogue) throws {
        guard let workspace = lock.withLock({ self.workspace }), let model = try workspace.models().last else { return }
        let file: ModelFile
        do { file = try workspace.modelFile(of: model) } catch {
            catalogue.messages.insert("model \(model.name) cannot be read: \(error)", at: 0)
            return
        }
        let scores = try workspace.scores(modelId: model.id!)
        let ids = lock.withLock { imageIds }
        for index in catalogue.entries.indices {
            guard let id = ids[catalogue.entries[index].id], let score = scores[id] else { continue }
            catalogue.entries[index].rawScore = Float(score.raw)
            catalogue.entries[index].normalisedScore = score.normalised.map(Float.init)
        }
        catalogue.model = Self.summary(of: model, scores: Array(scores.values))
        catalogue.calibration = file.calibration
        if let calibration = file.calibration {
            var threshold = Threshold(automatic: calibration.threshold, method: calibration.thresholdMethod)
            if let stored = try workspace.currentThreshold(modelId: model.id!) {
                threshold.value = Float(stored.value)
                threshold.target = stored.thresholdTarget
                // An automatic threshold the labels moved since the fit stays automatic.
                if stored.method != .manual, stored.target == nil {
                    threshold.automatic = threshold.value
                    threshold.automaticMethod = stored.detail ?? threshold.automaticMethod
                }
            }
            catalogue.threshold = threshold
        }
        lock.withLock {
            currentModel = model
            currentScores = scores
            currentCalibration = file.calibration
            pendingMaps = [:]
        }
    }

    static func summary(of model: ModelRecord, scores: [ScoreRecord]) -> ModelSummary {
        let times = scores.compactMap(\.scoringSeconds)
        return ModelSummary(name: model.name, detector: model.detector, backbone: model.backbone, fittedAt: model.createdAt,
                            fitSeconds: model.fitSeconds, trainingImages: model.trainingImageCount,
                            scoringMilliseconds: times.isEmpty ? nil : times.reduce(0, +) / Double(times.count) * 1000)
    }

    static func groundTruth(of sample: DatasetSample) -> GroundTruth {
        guard let label = sample.label else { return .unknown }
        return label == Dataset.normalLabel ? .normal : .anomalous(kind: label)
    }

    static func problem(of sample: DatasetSample, record: ImageRecord?) -> String? {
        if let record, record.decodeStatus == .failed { return record.decodeError ?? "cannot be decoded" }
        // The header check is cheap and catches non-images, empty and unreadable files at once.
        do { _ = try ImageIO.header(contentsOf: sample.path) } catch let error as ImageError { return error.reason } catch {
            return "\(error)"
        }
        return nil
    }

    static func label(from verdict: LabelVerdict) -> Label? {
        switch verdict {
        case .normal: return .normal
        case .anomalous: return .anomalous
        case .cleared: return nil
        }
    }

    public func verify(_ entry: ImageEntry) -> String? {
        let (workspace, id) = lock.withLock { (self.workspace, imageIds[entry.id]) }
        // Known outcomes (from earlier sessions) were applied in `open`.
        guard let workspace, let id, lock.withLock({ !decodedOK.contains(id) }) else { return nil }
        do {
            let image = try ImageIO.decode(contentsOf: entry.path)
            try? workspace.recordDecode(imageId: id, width: image.width, height: image.height, error: nil)
            return nil
        } catch {
            recordDecodeFailure(entry, reason: Self.reason(error), in: workspace)
            return Self.reason(error)
        }
    }

    public func decodeImage(_ entry: ImageEntry) throws -> Image {
        try ImageIO.decode(contentsOf: entry.path).asRGB()
    }

    public func decodeMask(_ entry: ImageEntry) throws -> Image? {
        guard let mask = entry.maskPath else { return nil }
        return try ImageIO.decode(contentsOf: mask).asGrey()
    }

    public func anomalyMap(_ entry: ImageEntry) -> PlacedMap? {
        lock.withLock {
            if let map = pendingMaps[entry.id] { return map }
            guard let id = imageIds[entry.id], let score = currentScores[id],
                  let map = workspace?.anomalyMap(of: score) else { return nil }
            return PlacedMap(map, preprocessing: currentModel?.configuration?.preprocessing ?? Preprocessing())
        }
    }

    public func setLabel(_ label: Label?, for entry: ImageEntry) throws {
        let (workspace, id) = lock.withLock { (self.workspace, imageIds[entry.id]) }
        guard let workspace, let id, let record = try workspace.images().first(where: { $0.id == id }) else {
            throw BackendError.notInWorkspace(entry.relativePath)
        }
        let verdict: LabelVerdict = label.map { $0 == .normal ? .normal : .anomalous } ?? .cleared
        try workspace.label([record], as: verdict)
    }

    public func setThreshold(_ threshold: Threshold) throws {
        let (workspace, model) = lock.withLock { (self.workspace, currentModel) }
        guard let workspace, let id = model?.id else { return }
        if let target = threshold.target {
            try workspace.setThreshold(modelId: id, value: Double(threshold.value), method: ThresholdMethod(target: target),
                                       target: target.description, detail: "set in the workstation for target \(target)")
        } else if threshold.isManual {
            try workspace.setThreshold(modelId: id, value: Double(threshold.value), method: .manual,
                                       detail: "set in the workstation")
        } else {
            // Automatic: the fit's threshold, or the one the labels chose since.
            try workspace.setThreshold(modelId: id, value: Double(threshold.automatic),
                                       method: ThresholdMethod(describedAs: threshold.automaticMethod),
                                       detail: threshold.automaticMethod)
        }
    }

    public func exportHeatmap(_ entry: ImageEntry, colourMap: ColorMap) throws -> String {
        guard let map = anomalyMap(entry) else { throw BackendError.noHeatmap(entry.relativePath) }
        let (workspace, model, calibration) = lock.withLock { (self.workspace, currentModel, currentCalibration) }
        guard let workspace else { throw BackendError.notInWorkspace(entry.relativePath) }
        let image = try decodeImage(entry)
        let folder = workspace.location.storeFolder.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stem = entry.relativePath.replacingOccurrences(of: "/", with: "_")
        let name = (stem as NSString).deletingPathExtension + "-\(model?.name ?? "model")-heatmap.png"
        let path = folder.appendingPathComponent(name).path
        try HeatmapExport(colourMap: colourMap, calibration: calibration).write(map: map, over: image, to: path)
        return path
    }
}

enum BackendError: Error, CustomStringConvertible {
    case notInWorkspace(String)
    case noHeatmap(String)
    case noTrainingImages(String)
    case notOpen

    var description: String {
        switch self {
        case .notInWorkspace(let path): return "\(path) is not in the workspace (rescan needed?)"
        case .noHeatmap(let path): return "\(path) has no anomaly map for the current model"
        case .noTrainingImages(let why): return "no training images: \(why)"
        case .notOpen: return "the folder is not open yet"
        }
    }
}
