import ArgumentParser

@main
struct Speck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speck",
        abstract: "A terminal workstation for visual anomaly detection.",
        version: SpeckVersion.current,
        subcommands: [
            Info.self,
            Train.self,
            Score.self,
            Eval.self,
            MakeSamples.self,
            Init.self,
            Rescan.self,
            Label.self,
            Labels.self,
            Classify.self,
            Bench.self,
            Debug.self,
        ]
    )
}

enum SpeckVersion {
    static let current = "0.1.0"
}
