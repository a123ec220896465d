/// The one keymap: key handling and the `?` help overlay both read this
/// table, so help can never disagree with what the keys do.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public func binding(for action: Action) -> KeyBinding? { bindings.first { $0.action == action } }

    public static let standard = Keymap(bindings: [
        KeyBinding([.character("j"), .down], .moveDown, "next image", .navigate, hint: "move"),
        KeyBinding([.character("k"), .up], .moveUp, "previous image", .navigate),
        KeyBinding([.character("g"), .home], .moveTop, "first image", .navigate),
        KeyBinding([.character("G"), .end], .moveBottom, "last image", .navigate),
        KeyBinding([.pageDown, .control("d")], .pageDown, "page down", .navigate),
        KeyBinding([.pageUp, .control("u")], .pageUp, "page up", .navigate),
        KeyBinding([.character("/")], .filter, "filter by name (Enter keeps, Esc clears)", .navigate, hint: "filter"),
        KeyBinding([.character("s")], .cycleSort, "cycle sort: score, name, label, ground truth", .navigate, hint: "sort"),
        KeyBinding([.character("v")], .cycleView, "image, heatmap, overlay, contours, side by side", .view, hint: "view"),
        KeyBinding([.character(">")], .opacityUp, "overlay opacity up", .view),
        KeyBinding([.character("<")], .opacityDown, "overlay opacity down", .view),
        KeyBinding([.character("T")], .cycleTheme, "cycle theme", .view),
        KeyBinding([.character("]")], .thresholdUpFine, "threshold up past the next score (fine)", .threshold, hint: "threshold"),
        KeyBinding([.character("[")], .thresholdDownFine, "threshold down to the next score (fine)", .threshold),
        KeyBinding([.character("}")], .thresholdUpCoarse, "threshold up 5% of the score range", .threshold),
        KeyBinding([.character("{")], .thresholdDownCoarse, "threshold down 5% of the score range", .threshold),
        KeyBinding([.character("0")], .thresholdAuto, "back to the automatic threshold", .threshold),
        KeyBinding([.character("=")], .thresholdTarget, "threshold for a target recall, fpr or precision", .threshold),
        KeyBinding([.character("t")], .train, "train a model (pick detector)", .model, hint: "train"),
        KeyBinding([.character("R")], .retrain, "retrain with labels, compare before/after", .model),
        KeyBinding([.escape], .cancelJob, "cancel the running job / close", .model),
        KeyBinding([.control("c")], .interrupt, "cancel the job; again to quit", .model),
        KeyBinding([.character("e")], .exportHeatmap, "export the current heatmap as PNG", .model),
        KeyBinding([.character("f")], .labelNormal, "label normal (false positive)", .label, hint: "label"),
        KeyBinding([.character("a")], .labelAnomalous, "label anomalous", .label),
        KeyBinding([.character("u")], .clearLabel, "clear the label", .label),
        KeyBinding([.character("?")], .help, "this help", .app, hint: "help"),
        KeyBinding([.character("q")], .quit, "quit (asks if a job is running)", .app, hint: "quit"),
    ])
}
