import Foundation

/// Records, per key press, the time from reading the key to the frame that
/// shows its effect being handed to the terminal. Written to the file named
/// by SPECK_KEY_LATENCY_LOG (one "milliseconds key" line each) so the figure
/// can be measured on a real run; kept in memory for the summary on exit.
final class KeyLatencyLog {
    private let file: FileHandle?
    private(set) var samples: [Double] = []

    init(environment: [String: String]) {
        if let path = environment["SPECK_KEY_LATENCY_LOG"] {
            FileManager.default.createFile(atPath: path, contents: nil)
            file = FileHandle(forWritingAtPath: path)
        } else {
            file = nil
        }
    }

    func record(milliseconds: Double, key: Key, jobRunning: Bool) {
        samples.append(milliseconds)
        file?.write(Data(String(format: "%.3f %@ %@\n", milliseconds, key.label, jobRunning ? "job" : "idle").utf8))
    }

    /// Time from selecting an image (or moving the evidence cursor) to its evidence on screen: "ms evidence idle|job".
    func recordEvidence(milliseconds: Double, jobRunning: Bool) {
        file?.write(Data(String(format: "%.3f evidence %@\n", milliseconds, jobRunning ? "job" : "idle").utf8))
    }

    deinit { try? file?.close() }
}
