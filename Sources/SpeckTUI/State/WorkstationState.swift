import Foundation
import SpeckDetectors

/// Everything the screen shows. Owned by the UI thread; background jobs
/// send `WorkstationEvent`s that are applied here between frames.
public struct WorkstationState: Sendable {
    public enum Screen: Sendable, Equatable {
        case loading
        case main
        /// A full-screen explanation (empty folder, only bad files, ...).
        case notice(title: String, lines: [String])
    }

    public var folderTitle: String
    public var screen: Screen = .loading
    public var list = ImageList(entries: [])
    public var viewMode: ViewMode = .overlay
    public var opacity: Float = 0.6
    public var threshold: Threshold?
    public var calibration: ScoreCalibration?
    public var model: ModelSummary?
    /// A model fitted elsewhere on the workspace, newer than `model`, until loaded (`M`).
    public var newerModel: ModelSummary?
    public var job: JobStatus?
    public var message: String?
    public var messageIsError = false
    public var overlay: Overlay?
    public var filterEditing = false
    /// The text typed at the threshold-target prompt (`=`); nil while it is closed.
    public var thresholdPrompt: String?
    /// The full-screen image view (`z`), with its zoom and spot.
    public var zoom = ZoomState()
    /// The evidence pane (`x`) and its cursor.
    public var evidence = EvidenceState()
    public var themeName: String

    public init(folderTitle: String, themeName: String) {
        self.folderTitle = folderTitle
        self.themeName = themeName
    }

    public var confusion: ConfusionCounts? {
        guard let threshold else { return nil }
        return ConfusionCounts(entries: list.entries, threshold: threshold.value)
    }

    /// Raw scores of all scored images.
    public var scores: [Float] { list.entries.compactMap(\.rawScore) }

    public mutating func tell(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }
}
