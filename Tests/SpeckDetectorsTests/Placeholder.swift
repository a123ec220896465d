import XCTest
final class SpeckDetectorsTestsPlaceholder: XCTestCase {}
