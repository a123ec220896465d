import ArgumentParser

/// `speck debug ...`: hidden commands used by the test suite and soak scripts.
struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Internal commands for tests.", shouldDisplay: false,
        subcommands: [DebugCrashWriter.self])
}
