import SpeckLearning

extension FitContext {
    /// A training loop's progress as the fit's "training" stage, the epoch and
    /// loss as its detail. `before` and `total` place one loop within a fit of
    /// several (CFLOW-AD trains a flow per level); `label` names that loop.
    func reportTraining(_ progress: TrainingProgress, before: Int = 0, total: Int? = nil, label: String? = nil) {
        reportTraining(progress, done: before + progress.batchesDone, total: total ?? progress.batchesTotal, label: label)
    }

    /// As above, with the batches done over the whole fit counted by the caller (loops running side by side).
    func reportTraining(_ progress: TrainingProgress, done: Int, total: Int, label: String?) {
        report("training", done: done, total: total, detail: label.map { "\($0) · \(progress.summary)" } ?? progress.summary)
    }
}
