import XCTest
final class SpeckImagingTestsPlaceholder: XCTestCase {}
