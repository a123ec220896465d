/// Everything a key can do. The keymap table maps keys to these; the
/// workstation performs them.
public enum Action: Sendable, Equatable {
    case moveDown, moveUp, moveTop, moveBottom, pageDown, pageUp
    case filter, cycleSort, cycleView, opacityUp, opacityDown
    case thresholdUpFine, thresholdDownFine, thresholdUpCoarse, thresholdDownCoarse, thresholdAuto, thresholdTarget
    case train, cancelJob, interrupt
    case labelNormal, labelAnomalous, clearLabel, nextToLabel, selectRange
    case retrain, loadNewerModel, exportHeatmap
    case cycleTheme, help, quit
    case toggleZoomView, zoomIn, zoomOut, panLeft, panRight, panUp, panDown
    case nextImage, previousImage, hottestSpot, nextRegion
    case toggleEvidence
}
