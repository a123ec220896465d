import ArgumentParser
import Foundation
import SpeckImaging

/// `speck make-samples OUTDIR`: regenerates the demo dataset shipped in sample-images/.
struct MakeSamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-samples",
        abstract: "Generate the synthetic demo dataset (machined aluminium plates, MVTec layout).",
        discussion: """
            Writes 256x256 8-bit grey PNGs: train/good, test/good and test/<kind> for the defect kinds \
            \(SampleSetGenerator.defectKinds.joined(separator: ", ")), with masks in ground_truth/<kind>/. \
            The same seed always gives the same files; sample-images/ is made with the default seed.
            """)

    @Argument(help: "Output folder (created if needed).", completion: .directory)
    var outdir: String

    @Option(help: "Random seed.")
    var seed: UInt64 = SampleSetGenerator.defaultSeed

    @Option(help: "Defect-free training images.")
    var trainGood: Int = 60

    @Option(help: "Defect-free test images.")
    var testGood: Int = 16

    func validate() throws {
        guard trainGood >= 1, testGood >= 0 else { throw ValidationError("--train-good must be >= 1 and --test-good >= 0") }
    }

    func run() throws {
        let generator = SampleSetGenerator(seed: seed, trainGood: trainGood, testGood: testGood)
        let start = ResourceUsage.now()
        let written = try generator.write(to: outdir)
        print(String(format: "wrote %d files to %@ in %.1f s (seed %llu)", written, outdir, ResourceUsage.now() - start, seed))
    }
}
