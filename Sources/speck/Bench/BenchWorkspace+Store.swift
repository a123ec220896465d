import ArgumentParser
import Dispatch
import Foundation
import SpeckImaging
import SpeckWorkspace

/// `speck bench workspace --store postgresql://…`: the team store's targets.
extension BenchWorkspace {
    func benchStore(_ address: StoreAddress, in folder: String) throws {
        print("store: \(address)")
        // Listing: 100,000 scored images sorted by score (a filled database is reused).
        let workspace: Workspace, modelId: Int64
        if let existing = try? Workspace.open(address), let model = try existing.models().first {
            (workspace, modelId) = (existing, model.id!)
            print("listing: reusing the rows already in the store")
        } else {
            workspace = try Workspace.create(imageRoot: folder, store: address, blobs: folder + "/blobs")
            let fill = ResourceUsage.now()
            modelId = try SyntheticRows.fill(workspace, images: rows)
            print(String(format: "listing: %d image rows with scores and 5%% labelled, filled in %.1f s",
                         rows, ResourceUsage.now() - fill))
        }
        try timeListing(workspace, modelId: modelId, targetMilliseconds: 300)

        // Score inserts from one process, 1,000 per transaction (as a shard stores them, larger).
        let imageIds = try workspace.images().compactMap(\.id)
        let scoringModel = try SyntheticRows.addModel(to: workspace)
        let run = Stopwatch()
        for start in stride(from: 0, to: imageIds.count, by: 1000) {
            let scores = imageIds[start ..< min(start + 1000, imageIds.count)].map {
                ScoredImage(imageId: $0, raw: Float($0 % 977) / 97, normalised: 0.5, seconds: 0.01)
            }
            try workspace.saveScores(scores, modelId: scoringModel)
        }
        print(String(format: "score inserts: %d rows in %.2f s: %.0f rows/s (target >= 5,000); CPU time %.2f s",
                     imageIds.count, run.wallSeconds, Double(imageIds.count) / run.wallSeconds, run.cpuSeconds))

        // Label round trip: one workstation labels, the other is told (LISTEN/NOTIFY).
        let other = try Workspace.open(address)
        let told = DispatchSemaphore(value: 0)
        guard let watch = try other.watchLabels({ told.signal() }) else { return }
        defer { watch.stop() }
        let image = try workspace.images()[0]
        var trips: [Double] = []
        for round in 0 ..< 20 {
            let trip = Stopwatch()
            try workspace.label([image], as: round % 2 == 0 ? .anomalous : .normal, author: "bench")
            guard told.wait(timeout: .now() + 5) == .success else {
                throw ValidationError("no notification within 5 s of a label")
            }
            trips.append(trip.wallSeconds)
        }
        trips.sort()
        print(String(format: "label round trip between two workstations: median %.1f ms, worst %.1f ms (target <= 1000 ms)",
                     trips[trips.count / 2] * 1000, trips.last! * 1000))
    }
}
