import Foundation
import SpeckDetectors
import SpeckTUI
import XCTest

/// The panels that print free text, drawn at 80x24 and 120x40 from long texts:
/// no line ends in a cut word (see `CutWords`), compared with the same panels on a 400x60 screen.
final class TextFittingPanelTests: XCTestCase {
    override func setUp() {
        // As in the app: "…", "·" and "–" are one cell wide only under a UTF-8 locale.
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    static let sizes = [(80, 24), (120, 40)]

    static func busyState() -> WorkstationState {
        var state = WorkstationState(folderTitle: "/data/mvtec/bottle", themeName: "dark")
        state.screen = .main
        state.list = ImageList(entries: (0..<40).map { i in
            ImageEntry(id: i, relativePath: "test/broken_large/\(100 + i).png", path: "/data/\(i).png",
                       groundTruth: i % 3 == 0 ? .anomalous(kind: "broken_large") : .normal,
                       rawScore: 1.2 + Float(i) * 0.01, normalisedScore: 0.5)
        })
        state.threshold = Threshold(automatic: 1.35, method: "F1-optimal on 83 held-out images (23 defects, 60 normal)")
        state.model = ModelSummary(name: "m1", detector: "patchcore", backbone: "efficientnet-lite0",
                                   fittedAt: Date(timeIntervalSince1970: 1_790_000_000), fitSeconds: 123.4,
                                   trainingImages: 60, scoringMilliseconds: 61)
        state.message = "fitting patchcore on 60 images (training split train/good of the opened folder)"
        // Started long ago, so the ETA does not change between two drawings.
        var job = JobStatus(title: "fit patchcore", startedAt: Date().addingTimeInterval(-1000))
        job.stage = "coreset selection"
        job.done = 12
        job.total = 60
        job.detail = "memory bank 61440 patches"
        state.job = job
        return state
    }

    static func draw(_ state: WorkstationState, width: Int, height: Int) -> (rows: [String], layout: Layout) {
        let layout = Layout(width: width, height: height)
        var buffer = ScreenBuffer(width: width, height: height, fill: Theme.fallback.base)
        HistogramPanel.draw(state, into: &buffer, rect: layout.histogram, theme: .fallback)
        DetailsPanel.draw(state, into: &buffer, rect: layout.details, theme: .fallback)
        StatusBar.draw(state, keymap: .standard, into: &buffer, messageLine: layout.messageLine,
                       statusLine: layout.statusLine, theme: .fallback)
        if let overlay = state.overlay { DialogPanel.draw(overlay, into: &buffer, theme: .fallback) }
        return ((0..<height).map(buffer.row), layout)
    }

    static func rows(_ rows: [String], in rect: Rect) -> [String] {
        CutWords.crop(Array(rows[rect.y..<rect.maxY]), columns: rect.x..<rect.maxX)
    }

    func testDetailsPanelWrapsOrAbbreviatesAtWholeWords() {
        let state = Self.busyState()
        let wide = Self.draw(state, width: 400, height: 60)
        let full = Self.rows(wide.rows, in: wide.layout.details.inner).joined(separator: "\n")
        XCTAssertTrue(full.contains("(23 defects, 60 normal)") && full.contains("61 ms/image"), full)
        for (width, height) in Self.sizes {
            let screen = Self.draw(state, width: width, height: height)
            let details = Self.rows(screen.rows, in: screen.layout.details.inner)
            XCTAssertEqual(CutWords.cutLines(details, fullText: full), [], "\(width)x\(height):\n" + details.joined(separator: "\n"))
        }
    }

    func testMessageAndJobShareTheLineWithoutCuttingEitherOne() {
        let state = Self.busyState()
        let wide = Self.draw(state, width: 400, height: 60)
        let full = wide.rows[wide.layout.messageLine.y]
        XCTAssertTrue(full.contains("opened folder)") && full.contains("memory bank 61440 patches"), full)
        for (width, height) in Self.sizes {
            let screen = Self.draw(state, width: width, height: height)
            let line = screen.rows[screen.layout.messageLine.y]
            XCTAssertEqual(CutWords.cutLines([line], fullText: full, everyToken: true), [], "\(width)x\(height)")
            XCTAssertTrue(line.contains(" fit") && line.contains("Esc cancels"), "the job is named:\n\(line)")
        }
    }

    func testTrainDialogWrapsOrAbbreviatesDetectorSummaries() throws {
        var state = Self.busyState()
        state.job = nil
        let choices = DetectorRegistry.standard.entries.map { TrainForm.Choice(kind: $0.kind, summary: $0.summary) }
        state.overlay = .trainForm(TrainForm(choices: choices, selected: 0,
                                             note: "no EfficientNet-Lite0 weights at /root/.cache/speck/lite0.safetensors (./dev setup fetches them)"))
        let wide = try XCTUnwrap(CutWords.boxRows(Self.draw(state, width: 400, height: 60).rows, title: "Train a model"))
        let full = wide.joined(separator: "\n")
        XCTAssertTrue(full.contains("fit ~1 min on 200 images"), full)
        for (width, height) in Self.sizes {
            let dialog = try XCTUnwrap(CutWords.boxRows(Self.draw(state, width: width, height: height).rows, title: "Train a model"))
            XCTAssertEqual(CutWords.cutLines(dialog, fullText: full), [], "\(width)x\(height):\n" + dialog.joined(separator: "\n"))
            for choice in choices {
                XCTAssertTrue(dialog.contains { $0.hasPrefix(" ▸ \(choice.kind) ") || $0.hasPrefix("   \(choice.kind) ") },
                              "\(choice.kind) is offered at \(width)x\(height)")
            }
        }
    }

    /// The counts under the histogram: numbers whole ("F1 0" was "F1 0.82"), labels may shorten to P and R.
    func testConfusionLinesKeepEveryNumberWhole() {
        let state = Self.busyState()
        let wide = Self.draw(state, width: 400, height: 60)
        let inner = wide.layout.histogram.inner
        let full = Self.rows(wide.rows, in: Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 2)).joined(separator: "\n")
        XCTAssertTrue(full.contains("flagged 25/40") && full.contains("F1 "), full)
        for (width, height) in Self.sizes {
            let screen = Self.draw(state, width: width, height: height)
            let inner = screen.layout.histogram.inner
            let lines = Self.rows(screen.rows, in: Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 2))
            XCTAssertEqual(CutWords.cutLines(lines, fullText: full + " P R", everyToken: true), [], "\(width)x\(height)")
            XCTAssertTrue(lines[1].contains("F1 "), "F1 is shown: \(lines[1])")
        }
    }

    /// A problem with the image (normal pane and zoomed view) wraps: every word is shown.
    func testImageProblemWrapsInsideThePane() {
        let layout = Layout(width: 80, height: 24)
        var buffer = ScreenBuffer(width: 80, height: 24, fill: Theme.fallback.base)
        let problem = "cannot decode test/broken_large/100.png: the PNG data ends before the image does (truncated file?)"
        ImagePane.draw(.problem(problem), state: Self.busyState(), renderer: HalfBlockRenderer(colorMode: .mono),
                       into: &buffer, rect: layout.pane, theme: .fallback)
        let rows = Self.rows((0..<24).map(buffer.row), in: layout.pane.inner)
        XCTAssertEqual(Array(rows.flatMap(CutWords.tokens).dropFirst()), CutWords.tokens(problem), rows.joined(separator: "\n"))
    }

    /// Wherever the threshold falls, its label leaves the min and max labels whole (or out).
    func testThresholdLabelNeverOverwritesPartOfTheScaleLabels() {
        var state = Self.busyState()
        state.threshold = nil
        let bare = Self.draw(state, width: 80, height: 24)
        let axisY = bare.layout.histogram.inner.maxY - 3
        let scale = Self.rows(bare.rows, in: bare.layout.histogram)[axisY - bare.layout.histogram.y]
        XCTAssertEqual(CutWords.tokens(scale).count, 2, "min and max labels: \(scale)")
        for step in 0...36 {  // up to the 98th percentile: the scale stays the same
            let value = 1.2 + Float(step) * 0.01
            state.threshold = Threshold(automatic: value, method: "manual")
            let screen = Self.draw(state, width: 80, height: 24)
            let axis = Self.rows(screen.rows, in: screen.layout.histogram)[axisY - screen.layout.histogram.y]
            XCTAssertTrue(axis.contains("▲ thr \(String(format: "%.3f", value))") || axis.contains(" thr \(String(format: "%.3f", value)) ▲"), axis)
            XCTAssertEqual(CutWords.cutLines([axis], fullText: scale + " thr \(String(format: "%.3f", value))", everyToken: true), [],
                           "threshold \(value)")
        }
    }
}
