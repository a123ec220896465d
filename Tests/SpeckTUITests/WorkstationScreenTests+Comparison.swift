import Foundation
import XCTest

extension WorkstationScreenTests {
    /// `speck eval --detector a,b,...` on a folder with a workspace stores the
    /// comparison there; the train dialog then shows it as a table, the bad
    /// entry marked failed.
    func testTrainDialogShowsTheLastComparison() throws {
        let speck = try TestFixtures.speckBinary()
        try TmuxSession.run(speck, ["init", folder.path])
        let printed = try TmuxSession.run(speck, ["eval", folder.path, "--detector", "meanstd,lbp:cell=8,nosuch", "--resize", "64"])
        XCTAssertTrue(printed.contains("stored as the last comparison"), printed)
        let session = try open()
        let form = try session.waitFor("the comparison in the train form") {
            $0.contains("Pick a detector") && $0.contains("Last comparison on") && $0.contains("nosuch")
        }
        XCTAssertNotNil(form.firstMatch(of: /│ +detector +img AUROC +px AUROC +AUPRO +fit s/), "no table header:\n\(form)")
        XCTAssertNotNil(form.firstMatch(of: /│ +meanstd +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +\d+\.\d/), "no meanstd row:\n\(form)")
        XCTAssertNotNil(form.firstMatch(of: /│ +lbp:cell=8 +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +\d+\.\d/), "no lbp row:\n\(form)")
        XCTAssertNotNil(form.firstMatch(of: /│ +nosuch +failed/), "the bad entry is not marked failed:\n\(form)")
    }
}
