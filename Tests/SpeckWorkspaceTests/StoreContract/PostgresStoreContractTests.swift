import XCTest
@testable import SpeckWorkspace

/// The shared store checks (`StoreContract`) on PostgreSQL: a private server
/// (`PostgresTestServer`), a new database per workspace.
final class PostgresStoreContractTests: XCTestCase {
    private func contract() throws -> StoreContract {
        let server = try PostgresTestServer.shared()
        return StoreContract(
            makeWorkspace: { root in
                try Workspace.create(imageRoot: root, store: try StoreAddress(parsing: try server.newDatabase()),
                                     blobs: root + "/.blobs")
            },
            reopen: { workspace in try Workspace.open(try StoreAddress(parsing: workspace.storeDescription)) })
    }

    func testSchemaSteps() throws { try contract().schemaStepsAreTheSameAndReopeningKeepsThem() }
    func testRescan() throws { try contract().rescanTracksAddedChangedRemovedAndRestoredFiles() }
    func testModelsAndThresholds() throws { try contract().modelsGetNamesTrainingSetsAndThresholds() }
    func testScoresAndListing() throws { try contract().scoresAreReplacedAndListedByRankWithLabels() }
    func testLabelsAndImports() throws { try contract().labelsKeepHistoryAndImportsAddEachLabelOnce() }
    func testConcurrentLabelWriters() throws { try contract().concurrentLabelWritersLoseNoLabel() }
    func testReadersWhileScoring() throws { try contract().readersSeeWholeBatchesWhileAWriterStreamsScores() }
    func testUndoingABatch() throws { try contract().undoingOneImageOfABatchRestoresEveryImageOfIt() }
    func testRelabelledAfterABatch() throws { try contract().anImageRelabelledAfterTheBatchKeepsItsNewLabel() }
    func testUndoingASingleLabel() throws { try contract().aSingleLabelIsClearedAndNothingIsUndoneTwice() }
    func testBatchAllOrNone() throws { try contract().aBatchIsOneTransactionAllOrNone() }
    func testConcurrentBatches() throws { try contract().batchesOfTwoWritersAtOnceGetTheirOwnNumbers() }
    func testScoringProgress() throws { try contract().scoringProgressCountsTheScoresOfEveryShard() }
    func testListingFieldForField() throws { try contract().listingMatchesThePlainReadsFieldForField() }
}
