import ArgumentParser
import Foundation
import SpeckBackbones
import SpeckDetectors
import SpeckTUI

/// `speck [FOLDER]`: the workstation (the default command).
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the workstation on a folder of images (the default command).",
        discussion: """
            FOLDER is an MVTec-style dataset (train/good, test/<kind>, ground_truth/) or any folder of \
            PNG/JPEG images. Its workspace (.speck/) is created on first open. Press ? inside for the keys.
            """)

    @Argument(help: "The image folder.", completion: .directory)
    var folder: String = "."

    @Option(help: "Workspace folder (default: FOLDER/.speck).")
    var workspace: String?

    @OptionGroup var team: StoreOptions

    @Option(help: "EfficientNet-Lite0 weights file (default: SPECK_WEIGHTS or the ./dev setup cache).")
    var weights: String?

    @Option(help: "Theme name (dark, light, high-contrast, colorblind, viridis, or one in ~/.config/speck/themes).")
    var theme: String?

    @Flag(help: "Leave the mouse to the terminal (its own text selection); the same as SPECK_MOUSE=off.")
    var noMouse = false

    @Option(help: "Image pane drawing: auto, kitty, sixel, iterm or blocks (half-blocks); overrides [graphics] in ~/.config/speck/config.toml.")
    var graphics: String?

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OpenError("\(folder): no such folder")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw OpenError("the workstation needs a terminal; for scripts use the other speck commands (speck --help)")
        }
        let weightsPath = (try? WeightsLocator.efficientNetLite0(explicit: weights))
            ?? WeightsLocator.cacheDirectory().appendingPathComponent(WeightsLocator.efficientNetLite0FileName).path
        let backend = WorkspaceBackend(folder: folder, storeFolder: workspace, registry: .standard,
                                       weightsPath: weightsPath, team: try team.address().map { ($0, team.blobs) })
        var environment = ProcessInfo.processInfo.environment
        if let theme { environment["SPECK_THEME"] = theme }
        if noMouse { environment["SPECK_MOUSE"] = "off" }
        // Detection talks to the terminal, so it runs before ncurses takes it over.
        let graphicsChoice = try chooseGraphics(environment: environment)
        let terminal = try Terminal(environment: environment)
        let station = Workstation(terminal: terminal, backend: backend, folderTitle: folder, environment: environment,
                                  graphics: graphicsChoice)
        station.run()
        terminal.close()
        if environment["SPECK_KEY_LATENCY_LOG"] != nil, let summary = station.latencySummary { print(summary) }
    }
}

extension Open {
    /// `--graphics` wins over the config file, which wins over detection.
    func chooseGraphics(environment: [String: String]) throws -> GraphicsChoice {
        let detector = GraphicsDetector(environment: environment)
        if let graphics {
            do { return detector.choose(forced: try GraphicsProtocol.setting(graphics), source: "--graphics") } catch {
                throw OpenError("--graphics: \(error)")
            }
        }
        let config = try GraphicsConfig.load(environment: environment)
        return detector.choose(forced: config.forced, source: "config")
    }
}

/// A reason the workstation cannot start, printed as "Error: ..." without the usage text.
struct OpenError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
