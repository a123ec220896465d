import XCTest
final class SpeckTUITestsPlaceholder: XCTestCase {}
