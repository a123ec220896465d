import Foundation
import SpeckDetectors
import SpeckEvaluation

/// The workstation: one UI thread that reads keys, applies background
/// events and draws; everything slow runs on Dispatch queues and reports
/// back through the mailbox. The UI thread never waits on that work.
public final class Workstation {
    let terminal: Terminal
    let backend: WorkstationBackend
    let keymap = Keymap.standard
    let mailbox = Mailbox()
    let renderer = PaneRenderer()
    let latency: KeyLatencyLog
    var state: WorkstationState
    var themes: [Theme]
    var theme: Theme
    var running = true
    var jobContext: FitContext?
    var interruptPending = false
    /// The threshold target in force when a fit started: the new model gets it too.
    var carriedTarget: ThresholdTarget?
    var modelGeneration = 0
    var layout: Layout
    var signalSources: [DispatchSourceSignal] = []
    let jobQueue = DispatchQueue(label: "speck.job", qos: .utility)
    /// Terminal graphics: the protocol chosen at start, and what was sent with it (nil: half-blocks).
    let graphicsChoice: GraphicsChoice
    let imageSender: ImageSender?
    let pictureLog = PictureLog()
    /// Labels committed by other workstations (PostgreSQL workspaces).
    var labelWatch: (any LabelSubscription)?
    /// Asks the store now and then for a model newer than the one shown.
    var modelWatch: DispatchSourceTimer?
    let evidencePictures = EvidencePictures()

    public init(terminal: Terminal, backend: WorkstationBackend, folderTitle: String,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                graphics: GraphicsChoice = .halfBlocks) {
        self.terminal = terminal
        self.backend = backend
        graphicsChoice = graphics
        imageSender = graphics.graphics.sendsPixels
            ? ImageSender(graphics: graphics.graphics, ready: { [mailbox] in mailbox.post(.picturesEncoded) }) : nil
        let loaded = ThemeLoader(folders: ThemeLoader.standardFolders(environment: environment)).load()
        themes = loaded.themes
        let wanted = environment["SPECK_THEME"] ?? "dark"
        theme = loaded.themes.first { $0.name == wanted } ?? loaded.themes.first { $0.name == "dark" } ?? loaded.themes[0]
        state = WorkstationState(folderTitle: folderTitle, themeName: theme.name)
        if let problem = loaded.problems.first { state.tell(problem, error: true) }
        latency = KeyLatencyLog(environment: environment)
        let size = terminal.size
        layout = Layout(width: size.width, height: size.height)
    }

    /// Runs until the user quits. The terminal is restored by the caller
    /// (`Terminal.close`), also when this throws.
    public func run() {
        installSignalHandlers()
        jobQueue.async { [backend, mailbox] in
            do { mailbox.post(.opened(try backend.open())) } catch { mailbox.post(.openFailed("\(error)")) }
        }
        draw()
        while running {
            let key = terminal.readKey(timeoutMilliseconds: 40)
            let started = DispatchTime.now()
            var changed = false
            if let key {
                handle(key)
                changed = true
            }
            if applyEvents() { changed = true }
            if state.job != nil { changed = true }  // progress bar and ETA tick
            guard running else { break }
            if changed { draw() }
            if let key {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                latency.record(milliseconds: elapsed, key: key, jobRunning: state.job != nil)
            }
        }
        imageSender?.clearNow()
        jobContext?.cancel()
        labelWatch?.stop()
        modelWatch?.cancel()
        for source in signalSources { source.cancel() }
        // Labels and thresholds are written on the store queue: let the last ones land before exit.
        Self.storeQueue.sync {}
    }

    /// Median and worst key-to-frame latency, for the exit summary.
    public var latencySummary: String? {
        let samples = latency.samples.sorted()
        guard !samples.isEmpty else { return nil }
        return String(format: "key latency over %d keys: median %.1f ms, max %.1f ms",
                      samples.count, samples[samples.count / 2], samples.last!)
    }

    func installSignalHandlers() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [mailbox] in mailbox.post(.signal(number)) }
            source.resume()
            signalSources.append(source)
        }
    }
}
