import SpeckDetectors

/// What background work tells the UI thread.
enum WorkstationEvent: Sendable {
    case opened(Catalogue)
    case openFailed(String)
    case jobProgress(JobProgress)
    case jobMessage(String)
    case modelFitted(TrainOutcome)
    case scored(ScoreUpdate)
    /// Background verification finished decoding every image once.
    case verified
    case jobFinished(TrainOutcome)
    case jobFailed(String)
    case jobCancelled
    case layersReady(PaneRequest, PaneLayers)
    case layersFailed(PaneRequest, String)
    case evidenceReady(EvidenceRequest, EvidenceOutcome)
    /// Skipped: the image was scrolled past before its turn.
    case evidenceDropped(EvidenceRequest)
    /// Terminal-graphics pictures finished encoding (a frame sends them).
    case picturesEncoded
    case message(String, isError: Bool)
    /// Labels now in force after an undo, by entry id, with the message to show.
    case labelsRestored([Int: Label?], message: String)
    /// The store's labels, read again after another workstation committed some, by entry id.
    case labelsStored([Int: Label])
    /// The watch on other workstations' labels runs (stopped when the workstation quits).
    case labelWatchStarted(any LabelSubscription)
    /// The labelling queue computed for request `request`.
    case queueReady([QueuedEntry], request: Int)
    case signal(Int32)
}
