import SpeckImaging

/// An error met after some input files were skipped. It carries them so that
/// a command can list every skipped file (with its reason) before the error.
public struct FailureAfterSkips: Error, CustomStringConvertible {
    public let skipped: [ImageError]
    public let error: any Error

    public var description: String { "\(error)" }

    /// Runs `body`; an error it throws carries `skipped` along, when there are any.
    static func carrying<T>(_ skipped: [ImageError], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as FailureAfterSkips {
            throw failure
        } catch {
            throw skipped.isEmpty ? error : FailureAfterSkips(skipped: skipped, error: error)
        }
    }
}
