import XCTest
@testable import SpeckWorkspace

/// The shared store checks (`StoreContract`) on the default SQLite store.
final class SQLiteStoreContractTests: XCTestCase {
    private let contract = StoreContract(makeWorkspace: { try Workspace.create(imageRoot: $0) },
                                         reopen: { try Workspace.open(storeFolder: $0.location.storeFolder) })

    func testSchemaSteps() throws { try contract.schemaStepsAreTheSameAndReopeningKeepsThem() }
    func testRescan() throws { try contract.rescanTracksAddedChangedRemovedAndRestoredFiles() }
    func testModelsAndThresholds() throws { try contract.modelsGetNamesTrainingSetsAndThresholds() }
    func testScoresAndListing() throws { try contract.scoresAreReplacedAndListedByRankWithLabels() }
    func testLabelsAndImports() throws { try contract.labelsKeepHistoryAndImportsAddEachLabelOnce() }
    func testConcurrentLabelWriters() throws { try contract.concurrentLabelWritersLoseNoLabel() }
    func testReadersWhileScoring() throws { try contract.readersSeeWholeBatchesWhileAWriterStreamsScores() }
    func testUndoingABatch() throws { try contract.undoingOneImageOfABatchRestoresEveryImageOfIt() }
    func testRelabelledAfterABatch() throws { try contract.anImageRelabelledAfterTheBatchKeepsItsNewLabel() }
    func testUndoingASingleLabel() throws { try contract.aSingleLabelIsClearedAndNothingIsUndoneTwice() }
    func testBatchAllOrNone() throws { try contract.aBatchIsOneTransactionAllOrNone() }
    func testConcurrentBatches() throws { try contract.batchesOfTwoWritersAtOnceGetTheirOwnNumbers() }
    func testScoringProgress() throws { try contract.scoringProgressCountsTheScoresOfEveryShard() }
    func testListingFieldForField() throws { try contract.listingMatchesThePlainReadsFieldForField() }
}
