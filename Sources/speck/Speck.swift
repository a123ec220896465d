import ArgumentParser

@main
struct Speck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speck",
        abstract: "A terminal workstation for visual anomaly detection.",
        version: SpeckVersion.current,
        subcommands: [
            Open.self,
            Info.self,
            MakeSamples.self,
            Train.self,
            Score.self,
            Eval.self,
            Init.self,
            Rescan.self,
            Status.self,
            Label.self,
            Labels.self,
            Retrain.self,
            Compare.self,
            Classify.self,
            Explain.self,
            ExportWeights.self,
            Bench.self,
            Debug.self,
        ],
        defaultSubcommand: Open.self
    )
}

enum SpeckVersion {
    static let current = "0.1.0"
}
