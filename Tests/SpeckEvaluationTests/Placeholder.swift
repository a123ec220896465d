import XCTest
final class SpeckEvaluationTestsPlaceholder: XCTestCase {}
