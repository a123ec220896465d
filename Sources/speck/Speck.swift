import ArgumentParser

@main
struct Speck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speck",
        abstract: "A terminal workstation for visual anomaly detection.",
        version: SpeckVersion.current,
        subcommands: [
            Info.self,
            MakeSamples.self,
            Bench.self,
        ]
    )
}

enum SpeckVersion {
    static let current = "0.1.0"
}
