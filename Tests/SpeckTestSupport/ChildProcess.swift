import Foundation

/// A program a test runs (the built `speck`, tmux, a reference decoder) and what it printed.
public enum ChildProcess {
    public struct Finished {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs `executable` to the end; `environment` replaces the test's own when given.
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String]? = nil) throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // stderr is drained on its own thread: a child that fills it while we read stdout would block forever.
        let errors = ErrorsReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.wait()
        process.waitUntilExit()
        return Finished(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                        err: String(decoding: errData, as: UTF8.self))
    }

    /// Reads a pipe to its end on a background thread.
    private final class ErrorsReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
