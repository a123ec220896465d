import SpeckDetectors
import SpeckImaging

/// What the workstation needs from the world: the folder's images, the
/// store, detectors. Every method may be slow and is called off the UI
/// thread. `WorkspaceBackend` is the real one.
public protocol WorkstationBackend: AnyObject, Sendable {
    /// Discovers the folder, opens (or creates) its workspace, loads the newest model's scores and labels.
    func open() throws -> Catalogue
    /// Decodes an image not yet known to decode and records the outcome; returns why it cannot be read, or nil.
    func verify(_ entry: ImageEntry) -> String?
    func decodeImage(_ entry: ImageEntry) throws -> Image
    func decodeMask(_ entry: ImageEntry) throws -> Image?
    /// The current model's cached anomaly map of an image, if any, with where it lies on the image.
    func anomalyMap(_ entry: ImageEntry) -> PlacedMap?
    /// Detectors for the train form, with the default choice.
    func trainForm() -> TrainForm
    /// Fits a model (`retrain`: also on images labelled normal, never on ones labelled anomalous),
    /// saves it (reported through `fitted`), then scores every image, reporting each score as it
    /// arrives; returns the final state (the threshold may be re-chosen once all scores are in).
    func train(kind: String, retrain: Bool, context: FitContext, progress: @escaping @Sendable (JobProgress) -> Void,
               fitted: @escaping @Sendable (TrainOutcome) -> Void,
               scored: @escaping @Sendable (ScoreUpdate) -> Void) throws -> TrainOutcome
    func setLabel(_ label: Label?, for entry: ImageEntry) throws
    /// Labels several entries in one step, one batch: `undoLabel` on any of them takes the batch back whole.
    func setLabels(_ label: Label, for entries: [ImageEntry]) throws
    /// Undoes an entry's label (its whole batch, when it came from one); returns the labels now in force by entry id.
    func undoLabel(for entry: ImageEntry) throws -> (batch: Bool, labels: [Int: Label?])
    /// The current model's labelling queue at `threshold` (see `Workspace.labellingQueue`).
    func labellingQueue(threshold: Float) throws -> [QueuedEntry]
    /// Records the threshold in force for the current model: manual, for a target, or the automatic one again.
    func setThreshold(_ threshold: Threshold) throws
    /// Writes the heatmap of `entry` as a PNG and returns its path.
    func exportHeatmap(_ entry: ImageEntry, colourMap: ColorMap) throws -> String
    /// Calls `changed` (on any thread) whenever labels are committed to the
    /// store by any workstation; nil when the store gives no such signal.
    func watchLabels(_ changed: @escaping @Sendable () -> Void) throws -> (any LabelSubscription)?
    /// The labels in force in the store, by entry id (unlabelled entries left out).
    func storedLabels() throws -> [Int: Label]
}

extension WorkstationBackend {
    /// Backends without a shared store: no other workstation to hear from.
    public func watchLabels(_ changed: @escaping @Sendable () -> Void) throws -> (any LabelSubscription)? { nil }
    public func storedLabels() throws -> [Int: Label] { [:] }
}

/// The folder as opened.
public struct Catalogue: Sendable {
    public var title: String
    public var entries: [ImageEntry]
    public var model: ModelSummary?
    public var calibration: ScoreCalibration?
    public var threshold: Threshold?
    /// Problems worth a message (skipped files, rescan changes...).
    public var messages: [String]
    /// Set when the folder cannot be worked with at all: shown full-screen.
    public var notice: (title: String, lines: [String])?

    public init(title: String, entries: [ImageEntry], model: ModelSummary? = nil, calibration: ScoreCalibration? = nil,
                threshold: Threshold? = nil, messages: [String] = [], notice: (title: String, lines: [String])? = nil) {
        self.title = title
        self.entries = entries
        self.model = model
        self.calibration = calibration
        self.threshold = threshold
        self.messages = messages
        self.notice = notice
    }
}

public struct JobProgress: Sendable {
    public var stage: String
    public var done: Int
    public var total: Int
    public var detail: String?

    public init(stage: String, done: Int, total: Int, detail: String? = nil) {
        self.stage = stage
        self.done = done
        self.total = total
        self.detail = detail
    }
}

/// One image scored, or found unreadable while scoring.
public struct ScoreUpdate: Sendable {
    public var entryId: Int
    public var raw: Float?
    public var normalised: Float?
    public var problem: String?

    public init(entryId: Int, raw: Float, normalised: Float?) {
        self.entryId = entryId
        self.raw = raw
        self.normalised = normalised
    }

    public init(entryId: Int, problem: String) {
        self.entryId = entryId
        self.problem = problem
    }
}

public struct TrainOutcome: Sendable {
    public var model: ModelSummary
    public var calibration: ScoreCalibration?
    public var threshold: Threshold?
    /// For retrains: the before/after comparison, as lines of text.
    public var comparison: [String]?

    public init(model: ModelSummary, calibration: ScoreCalibration?, threshold: Threshold?, comparison: [String]? = nil) {
        self.model = model
        self.calibration = calibration
        self.threshold = threshold
        self.comparison = comparison
    }
}
