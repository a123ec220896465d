import Foundation
import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// `average=F` (tail averaging of the weights) in every trained detector: read,
/// validated and recorded; an averaged model is another model that repeats and
/// restores bit for bit; files from before the option reload as they were.
final class TrainedWeightsTests: XCTestCase {
    func testEveryTrainedDetectorReadsValidatesAndRecordsAverage() throws {
        let recordedDefault = "\(Double(TrainedWeights.defaultAverageTail))"
        XCTAssertEqual(try DeepSVDDParameters(["average": "0.5"]).averageTail, 0.5)
        XCTAssertEqual(try DeepSVDDParameters([:]).recorded["average"], recordedDefault)
        XCTAssertEqual(try FastFlowParameters(["average": "0.5"]).averageTail, 0.5)
        XCTAssertEqual(try CFLOWParameters(["average": "0.5"]).averageTail, 0.5)
        XCTAssertEqual(try DifferNetParameters(["average": "0.5"]).averageTail, 0.5)
        XCTAssertEqual(try GANomalyParameters(["average": "0"]).averageTail, 0)
        XCTAssertEqual(try GANomalyParameters([:]).recorded["average"], "0.5", "GANomaly averages its generator by default")
        let parsers: [(String, ([String: String]) throws -> Any)] = [
            ("deepsvdd", { try DeepSVDDParameters($0) }), ("fastflow", { try FastFlowParameters($0) }),
            ("cflow", { try CFLOWParameters($0) }), ("differnet", { try DifferNetParameters($0) }),
            ("ganomaly", { try GANomalyParameters($0) }),
        ]
        for (name, parse) in parsers {
            for bad in ["1.5", "-0.1", "x"] {
                XCTAssertThrowsError(try parse(["average": bad]), "\(name) average=\(bad)") {
                    XCTAssertTrue("\($0)".contains("average"), "\(name): \($0)")
                }
            }
        }
        XCTAssertEqual(TrainedWeights.upgrading(["seed": "1"]), ["seed": "1", "average": "0"])
        XCTAssertEqual(TrainedWeights.upgrading(["average": "0.5"]), ["average": "0.5"])
    }

    func testAnAveragedModelDiffersRepeatsAndRestores() throws {
        BLAS.setThreadCount(1)
        let averaged = try PixelSVDD.fitted(["average": "0.5"])
        XCTAssertEqual(averaged.configuration.parameters["average"], "0.5")
        XCTAssertEqual(try PixelSVDD.scores(try PixelSVDD.fitted(["average": "0.5"])), try PixelSVDD.scores(averaged))
        XCTAssertNotEqual(try PixelSVDD.scores(try PixelSVDD.fitted(["average": "0"])), try PixelSVDD.scores(averaged))
        XCTAssertNotEqual(try averaged.exportState().arrays["net.conv1.weight"],
                          try PixelSVDD.fitted(["average": "0"]).exportState().arrays["net.conv1.weight"])
        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: averaged, calibration: nil).encoded()))
        XCTAssertEqual(try PixelSVDD.scores(restored), try PixelSVDD.scores(averaged))
    }

    /// A file from before `average` kept its last weights: it reloads to its scores and says average=0.
    func testAFileFromBeforeAverageReloadsAsItWas() throws {
        BLAS.setThreadCount(1)
        let last = try PixelSVDD.fitted(["average": "0"])
        var configuration = last.configuration
        configuration.parameters["average"] = nil
        let older = try DeepSVDDDetector.restore(configuration: configuration, state: try last.exportState(),
                                                 resources: DetectorResources())
        XCTAssertEqual(older.configuration.parameters["average"], "0")
        XCTAssertEqual(try PixelSVDD.scores(older), try PixelSVDD.scores(last))
    }
}
