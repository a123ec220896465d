import XCTest
final class SpeckTensorTestsPlaceholder: XCTestCase {}
