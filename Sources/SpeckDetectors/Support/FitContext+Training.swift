import SpeckLearning

extension FitContext {
    /// A training loop's progress as the fit's "training" stage, the epoch and
    /// loss as its detail. `before` and `total` place one loop within a fit of
    /// several (CFLOW-AD trains a flow per level); `label` names that loop.
    func reportTraining(_ progress: TrainingProgress, before: Int = 0, total: Int? = nil, label: String? = nil) {
        report("training", done: before + progress.batchesDone, total: total ?? progress.batchesTotal,
               detail: label.map { "\($0) · \(progress.summary)" } ?? progress.summary)
    }
}
