import ArgumentParser

/// `speck bench ...`: release-build benchmarks that print ms/image,
/// throughput and peak memory. Each area adds its own subcommand here.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run benchmarks (use a release build).",
        subcommands: [
            BenchBackbone.self,
            BenchLBP.self,
            BenchDecode.self,
            BenchList.self,
            BenchWorkspace.self,
            BenchDetectors.self,
            BenchCoreset.self,
            BenchTrain.self,
            BenchGraphics.self,
            BenchTiling.self,
            BenchQueue.self,
            BenchMemory.self,
            BenchShards.self,
        ]
    )
}
