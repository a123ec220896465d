import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckWorkspace

/// `speck bench shards DIR --model FILE --store URL`: does scoring scale with
/// machines? One `speck score` process without a shard, pinned to one core,
/// against N `--shard I/N` processes at once, each pinned to a core of its
/// own, all storing into one PostgreSQL workspace. Prints wall time, CPU time
/// and images/s of both, their ratio (issue 16's target: ≤ 0.6 for N = 2),
/// the start-up cost of one process, and checks the scores are identical.
struct BenchShards: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards",
        abstract: "Benchmark sharded scoring: N pinned shard processes against one process on one core.")

    @Argument(help: "The image folder to score (the workspace's image root, or a folder under it).")
    var folder: String

    @Option(help: "A fitted model file (`speck train ... --out FILE`).")
    var model: String

    @Option(help: ArgumentHelp("The PostgreSQL workspace: an empty database (a workspace for DIR is made in it) or "
                               + "one an earlier run made.", valueName: "URL"))
    var store: String

    @Option(help: ArgumentHelp("Model and map files of a new workspace (default: a folder under the system temporary folder).",
                               valueName: "DIR"))
    var blobs: String?

    @Option(help: "How many shards run at once.")
    var shards = 2

    @Option(help: ArgumentHelp("The cores: the first runs the single process, shard I runs on the I-th (default 0,1,...).",
                               valueName: "LIST"))
    var cores: String?

    @Option(help: "Backbone weights file for feature detectors (default: the cache).")
    var weights: String?

    @Option(help: "Rounds of both runs (on a busy machine the wall ratio varies: the median is printed).")
    var rounds = 1

    func run() throws {
        let coreList = try cores.map { try parseCores($0) } ?? Array(0 ..< shards)
        guard shards >= 1, coreList.count >= shards else {
            throw ValidationError("--cores must name at least --shards (\(shards)) cores")
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let workspace = try openOrCreateWorkspace()
        let file = try ModelFile.read(from: URL(fileURLWithPath: model))
        var common = ["--store", store]
        if let weights { common += ["--weights", weights] }
        var ratios: [Double] = []
        for round in 1 ... max(1, rounds) {
            if rounds > 1 { print("round \(round) of \(rounds)") }
            ratios.append(try measure(binary: binary, workspace: workspace, file: file, common: common, cores: coreList))
        }
        if rounds > 1 {
            print("wall ratio over \(rounds) rounds: median " + String(format: "%.2f", ratios.sorted()[ratios.count / 2]) + ", each "
                + ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "))
        }
    }

    /// One round: the single process, then the shards, each on models recorded afresh; returns the wall ratio.
    private func measure(binary: String, workspace: Workspace, file: ModelFile, common: [String], cores coreList: [Int]) throws
        -> Double {
        // The same fitted file recorded twice: one record per run, so each starts with nothing scored.
        let single = try workspace.saveModel(file, trainingImageIds: [], fitSeconds: 0)
        let sharded = try workspace.saveModel(file, trainingImageIds: [], fitSeconds: 0)
        let loadBefore = loadAverage()
        print("bench shards: \(folder) with \(file.configuration.detector) (\(model)), \(single.name) scored by one "
            + "process on core \(coreList[0]), \(sharded.name) by \(shards) shards on cores "
            + coreList.prefix(shards).map(String.init).joined(separator: ","))

        let one = try ChildRun([binary, "score", single.name, folder] + common, cores: String(coreList[0])).wait()
        try check(one, "the single process")
        let scored = try workspace.scores(modelId: single.id!).count
        print(line("1 process, core \(coreList[0])", one.wallSeconds, one.cpuSeconds, scored, one.peakResidentBytes))

        let children = try (0 ..< shards).map { index in
            try ChildRun([binary, "score", sharded.name, folder, "--shard", "\(index)/\(shards)"] + common,
                         cores: String(coreList[index]))
        }
        let parts = children.map { $0.wait() }
        for (index, part) in parts.enumerated() { try check(part, "shard \(index)/\(shards)") }
        let wall = parts.map(\.wallSeconds).max() ?? 0
        let cpu = parts.map(\.cpuSeconds).reduce(0, +)
        print(line("\(shards) shards, cores " + coreList.prefix(shards).map(String.init).joined(separator: ","), wall, cpu, scored,
                   parts.map(\.peakResidentBytes).max() ?? 0))
        for (index, part) in parts.enumerated() {
            print(String(format: "  shard %d/%d: %@, %.1f s wall, %.1f s CPU", index, shards, scoredLine(part.output), part.wallSeconds,
                         part.cpuSeconds))
        }

        // A rerun with nothing left to score: what every process pays before its first image.
        let startUp = try ChildRun([binary, "score", single.name, folder] + common, cores: String(coreList[0])).wait()
        try check(startUp, "the start-up run")
        print(String(format: "start-up of one process (weights, model, store, image list; nothing to score): %.2f s wall, %.2f s CPU",
                     startUp.wallSeconds, startUp.cpuSeconds))

        let identical = try identicalScores(workspace, single.id!, sharded.id!)
        print(String(format: "ratio %d shards / 1 process: %.2f wall (target <= 0.6 for 2), %.2f CPU in all; scores identical: %@",
                     shards, wall / one.wallSeconds, cpu / one.cpuSeconds, identical))
        // On a busy machine the wall ratio is the share of the cores other work left; the slowest shard's
        // CPU time against the single process's is the wall ratio the same work gives on idle cores.
        print(String(format: "  slowest shard's CPU / single process's CPU: %.2f (the wall ratio on idle cores); "
                     + "CPU per image: %.0f ms alone, %.0f ms sharded", (parts.map(\.cpuSeconds).max() ?? 0) / one.cpuSeconds,
                     one.cpuSeconds * 1000 / Double(max(1, scored)), cpu * 1000 / Double(max(1, scored))))
        print("load average: \(loadBefore) before, \(loadAverage()) after (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        return wall / one.wallSeconds
    }

    private func openOrCreateWorkspace() throws -> Workspace {
        let address = try StoreAddress(parsing: store)
        let workspace: Workspace
        do {
            workspace = try Workspace.open(address)
        } catch WorkspaceError.emptyStore {
            let root = blobs ?? NSTemporaryDirectory() + "speck-bench-shards-blobs-\(getpid())"
            workspace = try Workspace.create(imageRoot: folder, store: address, blobs: root)
            print("made a workspace for \(folder) in \(workspace.storeDescription), blobs in \(root)")
        }
        try Rescanner(workspace: workspace).rescan()
        return workspace
    }

    private func check(_ run: ChildRun.Finished, _ what: String) throws {
        guard run.exitStatus == 0 else {
            throw ValidationError("\(what) failed (exit \(run.exitStatus)): \(run.output.suffix(2000))")
        }
    }

    /// Every image of one run has the other's score, bit for bit.
    private func identicalScores(_ workspace: Workspace, _ a: Int64, _ b: Int64) throws -> String {
        let first = try workspace.scores(modelId: a), second = try workspace.scores(modelId: b)
        let same = first.filter { second[$0.key]?.raw.bitPattern == $0.value.raw.bitPattern }.count
        guard same == first.count, first.count == second.count else {
            throw ValidationError("the shards' scores differ from the single process's: \(same) of \(first.count) equal, "
                                  + "\(second.count) scored by the shards")
        }
        return "yes, \(same) of \(first.count) bit for bit"
    }

    private func line(_ what: String, _ wall: Double, _ cpu: Double, _ images: Int, _ peak: Int) -> String {
        String(format: "%@: %d images in %.1f s wall, %.1f s CPU, %.2f images/s, peak memory %@ per process",
               what, images, wall, cpu, Double(images) / wall, ResourceUsage.formatBytes(peak))
    }

    /// "scored 42, 0 failed" from a shard's last report.
    private func scoredLine(_ output: String) -> String {
        output.split(separator: "\n").last { $0.contains(": scored ") }
            .flatMap { $0.components(separatedBy: ": ").dropFirst().first?.components(separatedBy: ";").first } ?? "?"
    }

    private func parseCores(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let core = Int(part), core >= 0 else { throw ValidationError("--cores \(text): expected a list like 0,1") }
            return core
        }
    }

    private func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
            .joined(separator: " ")
    }
}
