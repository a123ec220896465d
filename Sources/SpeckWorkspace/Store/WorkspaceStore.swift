import Foundation

/// Where a workspace's rows live: one SQLite file beside the images (the
/// default) or a PostgreSQL database a team shares. `Workspace` keeps the
/// files (models, cached maps) and the rules; a store keeps the rows, with
/// the same schema steps and the same answers whichever it is. Each method is
/// one transaction: all of its rows are written or none.
protocol WorkspaceStore: AnyObject, Sendable {
    /// Names the store for people; never holds a password.
    var description: String { get }
    /// The schema steps applied, oldest first.
    func appliedMigrations() throws -> [String]
    func setting(_ key: String) throws -> String?
    func setSetting(_ key: String, to value: String) throws
    /// The settings whose keys start with `prefix`, by key.
    func settings(prefix: String) throws -> [String: String]

    // Images
    /// Every image row, missing ones included, by path.
    func images() throws -> [ImageRecord]
    func image(path: String) throws -> ImageRecord?
    /// The row of a file found outside a rescan: added, or brought back when missing.
    func registerImage(path: String, size: Int64, mtimeNanoseconds: Int64) throws -> ImageRecord
    /// Adds rows (synthetic benchmark rows); returns them with their ids.
    func insertImages(_ images: [ImageRecord]) throws -> [ImageRecord]
    func recordDecode(imageId: Int64, width: Int?, height: Int?, error: String?) throws
    /// What a rescan compares the files with.
    func storedImageStates() throws -> [StoredImageState]
    /// Applies a rescan's changes; returns the map files of the scores it dropped.
    func apply(_ changes: [ImageChange], at date: Date) throws -> (staleMaps: [String], invalidatedScores: Int)

    // Models and thresholds
    /// The number of the next model (m1, m2, ...): never handed out twice.
    func nextModelNumber() throws -> Int64
    /// Records a model (its id set to its number), its training set and its first threshold.
    func insertModel(_ model: ModelRecord, trainingImageIds: Set<Int64>, threshold: ThresholdRecord?) throws -> ModelRecord
    func models() throws -> [ModelRecord]
    func trainingImageIds(of modelId: Int64) throws -> Set<Int64>
    func insertThreshold(_ threshold: ThresholdRecord) throws -> ThresholdRecord
    func currentThreshold(modelId: Int64) throws -> ThresholdRecord?

    // Scores
    /// Adds or replaces scores (same model and image: the later one wins).
    func upsertScores(_ scores: [ScoreRecord]) throws
    func scores(modelId: Int64) throws -> [ScoreRecord]
    func listing(modelId: Int64) throws -> [ListedImage]
    /// How many images are present, and how many of them each model scored (models with scores only).
    func scoredCounts() throws -> (images: Int, scoredByModel: [Int64: Int])

    // Labels
    /// Adds labels; with `skippingRecorded`, ones already recorded (same image,
    /// verdict, note, author, time) are left out. Returns the added rows.
    func insertLabels(_ labels: [LabelRecord], skippingRecorded: Bool) throws -> [LabelRecord]
    func currentLabels() throws -> [ImageLabel]
    func labelHistory() throws -> [ImageLabel]
    /// Adds labels given in one step under one new batch number (never handed
    /// out twice, also with writers on other machines); returns it and the rows.
    func insertLabelBatch(_ labels: [LabelRecord]) throws -> (batchId: Int64, records: [LabelRecord])
    /// Undoes the label in force on an image, in one transaction: a label from
    /// a batch undoes the batch (each image back to its label before it, unless
    /// relabelled since), a single label is cleared. Adds rows, never deletes.
    func undoLabel(imageId: Int64, author: String, at date: Date) throws -> LabelUndo
}

/// What a rescan needs to know of an image row.
struct StoredImageState: Sendable {
    var id: Int64
    var path: String
    var size: Int64
    var mtimeNanoseconds: Int64
    var contentHash: String?
    var missingSince: Date?
}

/// One change a rescan found.
enum ImageChange: Sendable {
    case add(ImageRecord)
    case update(imageId: Int64, size: Int64, mtimeNanoseconds: Int64, contentHash: String?, contentsChanged: Bool)
    case remove(imageId: Int64)
}

extension LabelRecord {
    /// Whether `other` is this same label (times compared to the millisecond the stores keep).
    func isSameLabel(as other: LabelRecord) -> Bool {
        other.imageId == imageId && other.verdict == verdict && other.note == note && other.author == author
            && abs(other.createdAt.timeIntervalSince(createdAt)) < 0.001
    }
}
