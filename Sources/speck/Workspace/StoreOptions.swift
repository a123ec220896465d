import ArgumentParser
import Foundation
import SpeckWorkspace

/// `--store postgresql://…` and `--blobs DIR`: a workspace a team shares in
/// PostgreSQL instead of the SQLite file beside the images.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL workspace, postgresql://USER@HOST/DB[?sslmode=...] (default: $SPECK_STORE, else SQLite). "
            + "A password comes from PGPASSWORD or the string and is never shown.", valueName: "URL"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(
        "With --store: the folder every machine mounts for model and map files (default: the one recorded at init).",
        valueName: "DIR"))
    var blobs: String?

    /// The PostgreSQL store chosen, or nil for SQLite.
    func address() throws -> StoreAddress? {
        try StoreAddress.chosen(explicit: store, environment: ProcessInfo.processInfo.environment)
    }
}
