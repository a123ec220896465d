import Foundation
import XCTest
@testable import SpeckWorkspace

/// The job scripts README shows, under examples/, run here as far as they
/// can be without a cluster: the Slurm array script with bash and the array
/// variables Slurm would set, and the Kubernetes indexed Job's command line,
/// read from the manifest, with each completion index. Both against the
/// test server, both must end with the scores of one unsharded run.
final class JobExampleTests: XCTestCase {
    private static let examples = URL(fileURLWithPath: ShardScoringFixture.sampleImages).deletingLastPathComponent()
        .appendingPathComponent("examples").path

    func testSlurmArrayScriptScoresEveryImageOnceAcrossItsTasks() throws {
        let fixture = try ShardScoringFixture(server: try PostgresTestServer.shared(), copies: 1)
        let expected = try fixture.referenceRun().scores
        let model = try fixture.newModel()
        let script = Self.examples + "/slurm/score-array.sh"
        // An array of 3 tasks numbered from 1 (--array=1-3): shard indexes still count from 0.
        for task in 1 ... 3 {
            let run = try KillableProcess.run(["/bin/bash", script, model.name, fixture.imageRoot], outputFolder: fixture.folder.path,
                                           environment: environment(fixture, ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_MIN": "1",
                                                                              "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "3"]))
            XCTAssertEqual(run.exitStatus, 0, run.output + run.errorOutput)
            XCTAssertTrue(run.output.contains("shard \(task - 1)/3 of "), run.output)
        }
        try assertScores(of: model, equal: expected, fixture)

        // A stepped array would leave slices unscored: refused, saying how to submit.
        let stepped = try KillableProcess.run(["/bin/bash", script, model.name, fixture.imageRoot], outputFolder: fixture.folder.path,
                                           environment: environment(fixture, ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0",
                                                                              "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "3"]))
        XCTAssertEqual(stepped.exitStatus, 2)
        XCTAssertTrue(stepped.errorOutput.contains("--array=0-15"), stepped.errorOutput)
    }

    func testKubernetesIndexedJobCommandScoresEveryImageOnceAcrossItsCompletions() throws {
        let job = try manifest(Self.examples + "/kubernetes/score-job.yaml")
        let spec = try XCTUnwrap(job["spec"] as? [String: Any])
        XCTAssertEqual(job["apiVersion"] as? String, "batch/v1")
        XCTAssertEqual(job["kind"] as? String, "Job")
        XCTAssertEqual(spec["completionMode"] as? String, "Indexed")
        let completions = try XCTUnwrap(spec["completions"] as? Int)
        let template = try XCTUnwrap((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        XCTAssertEqual(template["restartPolicy"] as? String, "Never")
        let container = try XCTUnwrap((template["containers"] as? [[String: Any]])?.first)
        let command = try XCTUnwrap(container["command"] as? [String]) + (try XCTUnwrap(container["args"] as? [String]))
        XCTAssertEqual(command.first, "speck")
        XCTAssertEqual(command.last, "$(SHARD_INDEX)/\(completions)", "--shard I/N with N = completions")
        let variables = try XCTUnwrap(container["env"] as? [[String: Any]])
        let index = try XCTUnwrap(variables.first { $0["name"] as? String == "SHARD_INDEX" })
        XCTAssertEqual(((index["valueFrom"] as? [String: Any])?["fieldRef"] as? [String: Any])?["fieldPath"] as? String,
                       "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        XCTAssertTrue(variables.contains { $0["name"] as? String == "SPECK_STORE" })
        let mounts = try XCTUnwrap(container["volumeMounts"] as? [[String: Any]]).compactMap { $0["mountPath"] as? String }
        let images = command[3]
        XCTAssertTrue(mounts.contains(images), "the images are mounted where the command reads them")

        // The manifest's command line, run here: its model and folder swapped for the fixture's, every index.
        let fixture = try ShardScoringFixture(server: try PostgresTestServer.shared(), copies: 1)
        let expected = try fixture.referenceRun().scores
        let model = try fixture.newModel()
        for completion in 0 ..< completions {
            let arguments = command.map { argument -> String in
                switch argument {
                case "speck": return fixture.binary
                case command[2]: return model.name
                case images: return fixture.imageRoot
                default: return argument.replacingOccurrences(of: "$(SHARD_INDEX)", with: "\(completion)")
                }
            }
            let run = try KillableProcess.run(arguments, outputFolder: fixture.folder.path, environment: environment(fixture, [:]))
            XCTAssertEqual(run.exitStatus, 0, "completion \(completion): " + run.output + run.errorOutput)
        }
        try assertScores(of: model, equal: expected, fixture)
    }

    private func assertScores(of model: ModelRecord, equal expected: [Int64: ScoreRecord], _ fixture: ShardScoringFixture) throws {
        let stored = try fixture.scores(of: model)
        XCTAssertEqual(Set(stored.keys), Set(expected.keys), "every image scored")
        for (imageId, score) in stored {
            XCTAssertEqual(score.raw.bitPattern, expected[imageId]?.raw.bitPattern, "image \(imageId), bit for bit")
        }
    }

    /// The test's environment with the store as SPECK_STORE (as the scripts expect) and `speck` as SPECK.
    private func environment(_ fixture: ShardScoringFixture, _ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
        environment["SPECK_STORE"] = fixture.address
        environment["SPECK"] = fixture.binary
        return environment.merging(extra) { $1 }
    }

    /// The manifest as JSON-like values, read by python3's yaml module (skipped, saying so, without it).
    private func manifest(_ path: String) throws -> [String: Any] {
        let folder = try TemporaryFolder()
        let run = try KillableProcess.run(["/usr/bin/env", "python3", "-c",
                                        "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", path],
                                       outputFolder: folder.path)
        guard run.exitStatus == 0 else { throw XCTSkip("python3 with its yaml module is needed to read \(path): \(run.errorOutput)") }
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }
}
