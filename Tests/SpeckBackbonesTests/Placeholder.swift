import XCTest
final class SpeckBackbonesTestsPlaceholder: XCTestCase {}
