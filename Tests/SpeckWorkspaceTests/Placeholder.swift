import XCTest
final class SpeckWorkspaceTestsPlaceholder: XCTestCase {}
