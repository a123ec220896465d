/// The one keymap: key handling and the `?` help overlay both read this
/// table, so help can never disagree with what the keys do.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The action of `key`; in the zoomed view its own bindings come first.
    public func action(for key: Key, zoomed: Bool = false) -> Action? {
        scoped(zoomed: zoomed).bindings.first { $0.keys.contains(key) }?.action
    }

    /// The bindings that work in the list view or the zoomed view (there its own group first,
    /// and without those whose every key the zoomed view takes over): what help and hints show.
    public func scoped(zoomed: Bool) -> Keymap {
        guard zoomed else { return Keymap(bindings: bindings.filter { $0.scope != .zoomedView }) }
        let taken = Set(bindings.filter { $0.scope == .zoomedView }.flatMap(\.keys))
        let usable = bindings.filter {
            $0.scope == .zoomedView || ($0.scope == .everywhere && !$0.keys.allSatisfy(taken.contains))
        }
        return Keymap(bindings: usable.filter { $0.group == .zoom } + usable.filter { $0.group != .zoom })
    }

    public func binding(for action: Action) -> KeyBinding? { bindings.first { $0.action == action } }

    /// Summaries fit the two-column help (43 characters) that a 40-row screen needs.
    public static let standard = Keymap(bindings: [
        KeyBinding([.character("j"), .down], .moveDown, "next image", .navigate, hint: "move"),
        KeyBinding([.character("k"), .up], .moveUp, "previous image", .navigate),
        KeyBinding([.character("g"), .home], .moveTop, "first image", .navigate),
        KeyBinding([.character("G"), .end], .moveBottom, "last image", .navigate),
        KeyBinding([.pageDown, .control("d")], .pageDown, "page down", .navigate, scope: .listView),
        KeyBinding([.pageUp, .control("u")], .pageUp, "page up", .navigate, scope: .listView),
        KeyBinding([.character("+")], .zoomIn, "zoom in: fit, 1:1, 2x, 4x", .zoom, hint: "in/out", scope: .zoomedView),
        KeyBinding([.character("-")], .zoomOut, "zoom out", .zoom, scope: .zoomedView),
        KeyBinding([.character("h"), .left], .panLeft, "pan left", .zoom, hint: "pan", scope: .zoomedView),
        KeyBinding([.character("j"), .down], .panDown, "pan down", .zoom, scope: .zoomedView),
        KeyBinding([.character("k"), .up], .panUp, "pan up", .zoom, scope: .zoomedView),
        KeyBinding([.character("l"), .right], .panRight, "pan right", .zoom, scope: .zoomedView),
        KeyBinding([.character("n")], .nextImage, "next image, same zoom and spot", .zoom, hint: "image", scope: .zoomedView),
        KeyBinding([.character("p")], .previousImage, "previous image, same zoom and spot", .zoom, scope: .zoomedView),
        KeyBinding([.character("m")], .hottestSpot, "jump to the hottest spot of the map", .zoom, hint: "hottest", scope: .zoomedView),
        KeyBinding([.character("r")], .nextRegion, "next region above threshold, largest first", .zoom, hint: "region", scope: .zoomedView),
        KeyBinding([.character("/")], .filter, "filter by name (Enter keeps, Esc clears)", .navigate, hint: "filter", scope: .listView),
        KeyBinding([.character("s")], .cycleSort, "sort: score, name, label, truth, label next", .navigate, hint: "sort", scope: .listView),
        KeyBinding([.character("v")], .cycleView, "image/heatmap/overlay/contours/side by side", .view, hint: "view"),
        KeyBinding([.character(">")], .opacityUp, "overlay opacity up", .view),
        KeyBinding([.character("<")], .opacityDown, "overlay opacity down", .view),
        KeyBinding([.character("T")], .cycleTheme, "cycle theme", .view),
        // One row for the pane and its cursor keys: help has little room to spare at 80x24.
        KeyBinding([.character("x"), .character("H"), .character("J"), .character("K"), .character("L")], .toggleEvidence,
                   "evidence pane; H J K L move its spot", .view, hint: "evidence"),
        KeyBinding([.character("]")], .thresholdUpFine, "threshold up past the next score (fine)", .threshold, hint: "threshold"),
        KeyBinding([.character("[")], .thresholdDownFine, "threshold down to the next score (fine)", .threshold),
        KeyBinding([.character("}")], .thresholdUpCoarse, "threshold up 5% of the score range", .threshold),
        KeyBinding([.character("{")], .thresholdDownCoarse, "threshold down 5% of the score range", .threshold),
        KeyBinding([.character("0")], .thresholdAuto, "back to the automatic threshold", .threshold),
        KeyBinding([.character("=")], .thresholdTarget, "threshold for a target recall/fpr/precision", .threshold),
        KeyBinding([.character("t")], .train, "train a model (pick detector)", .model, hint: "train"),
        KeyBinding([.character("R")], .retrain, "retrain with labels, compare before/after", .model),
        KeyBinding([.character("M")], .loadNewerModel, "load the newest model (fitted elsewhere)", .model),
        KeyBinding([.escape], .cancelJob, "cancel the running job / close", .model),
        KeyBinding([.control("c")], .interrupt, "cancel the job; again to quit", .model),
        KeyBinding([.character("e")], .exportHeatmap, "export the current heatmap as PNG", .model),
        KeyBinding([.character("f")], .labelNormal, "label normal (false positive)", .label, hint: "label"),
        KeyBinding([.character("a")], .labelAnomalous, "label anomalous", .label),
        KeyBinding([.character("u")], .clearLabel, "clear the label (a batch: undo all of it)", .label),
        KeyBinding([.character("n")], .nextToLabel, "next image to label (label-next queue)", .label,
                   scope: .listView),
        KeyBinding([.character("V")], .selectRange, "select a range; f/a label it as one batch", .label,
                   scope: .listView),
        KeyBinding([.character("z")], .toggleZoomView, "full-screen image view (zoom, pan) on/off", .zoom, hint: "zoom view"),
        KeyBinding([.character("?")], .help, "this help", .app, hint: "help"),
        KeyBinding([.character("q")], .quit, "quit (asks if a job is running)", .app, hint: "quit"),
    ])
}
