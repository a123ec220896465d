import Foundation
import XCTest
@testable import SpeckImaging

final class DatasetDiscoveryTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws { root = try temporaryFolder(self) + "/set" }

    /// Creates files (and their folders) under `root`; content does not matter to listing.
    private func touch(_ relativePaths: [String]) throws {
        for relative in relativePaths {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try write([1], to: path)
        }
    }

    func testMVTecLayout() throws {
        try touch([
            "train/good/000.png", "train/good/001.png", "train/good/.DS_Store",
            "test/good/000.png",
            "test/scratch/000.png", "test/scratch/001.png",
            "test/stain/000.jpg",
            "ground_truth/scratch/000_mask.png", "ground_truth/stain/000_mask.png",
            "readme.txt", "license.txt", ".hidden/file.png",
        ])
        let dataset = try Dataset.discover(at: root)
        XCTAssertEqual(dataset.layout, .mvtec)
        XCTAssertEqual(dataset.root, root)
        XCTAssertEqual(dataset.samples.map(\.relativePath), [
            "test/good/000.png", "test/scratch/000.png", "test/scratch/001.png", "test/stain/000.jpg",
            "train/good/000.png", "train/good/001.png",
        ])
        XCTAssertEqual(dataset.samples(split: .train).count, 2)
        XCTAssertEqual(dataset.samples(split: .test).map { $0.label ?? "-" }, ["good", "scratch", "scratch", "stain"])
        XCTAssertEqual(dataset.samples(split: .test).map(\.isNormal), [true, false, false, false])
        XCTAssertEqual(dataset.samples(split: .train).map(\.label), ["good", "good"])
        let masks = dataset.samples.map { $0.maskPath.map { String($0.dropFirst(root.count + 1)) } }
        XCTAssertEqual(masks, [nil, "ground_truth/scratch/000_mask.png", nil, "ground_truth/stain/000_mask.png", nil, nil])
        XCTAssertEqual(dataset.samples[1].path, root + "/test/scratch/000.png")
        XCTAssertEqual(dataset.skippedHidden, 2)
        XCTAssertEqual(dataset.skippedNonImage, 2)
        XCTAssertEqual(dataset.problems, [])
    }

    func testPlainFolderWithLabelsAndMasks() throws {
        try touch([
            "loose.PNG", "good/a.png", "good/deeper/b.jpeg", "scratch/c.png", "scratch/c_mask.png",
            "orphan_mask.png", "notes.txt", ".thumbs.png",
        ])
        let dataset = try Dataset.discover(at: root)
        XCTAssertEqual(dataset.layout, .folder)
        XCTAssertEqual(dataset.samples.map(\.relativePath),
                       ["good/a.png", "good/deeper/b.jpeg", "loose.PNG", "orphan_mask.png", "scratch/c.png"])
        XCTAssertEqual(dataset.samples.map(\.label), ["good", "good", nil, nil, "scratch"])
        XCTAssertEqual(dataset.samples.map(\.isNormal), [true, true, nil, nil, false])
        XCTAssertEqual(dataset.samples.map(\.split), [.none, .none, .none, .none, .none])
        XCTAssertEqual(dataset.samples.last?.maskPath, root + "/scratch/c_mask.png")
        XCTAssertEqual(dataset.skippedHidden, 1)
        XCTAssertEqual(dataset.skippedNonImage, 1)
    }

    func testFoldersAreLabelsOnlyBesideAFolderOfGoodImages() throws {
        // A production dump: images/ and camera1/ say nothing about defects.
        try touch(["images/a.png", "images/b.png", "camera1/c.png", "2026-11-29/d.png"])
        let unlabelled = try Dataset.discover(at: root)
        XCTAssertEqual(unlabelled.samples.map(\.label), [nil, nil, nil, nil])
        XCTAssertEqual(unlabelled.samples.map(\.isNormal), [nil, nil, nil, nil])
        // Beside OK/ (any case, labelled "good") the same folders are defect kinds.
        try touch(["OK/e.png"])
        let labelled = try Dataset.discover(at: root)
        XCTAssertEqual(labelled.samples.map(\.relativePath), ["2026-11-29/d.png", "OK/e.png", "camera1/c.png", "images/a.png", "images/b.png"])
        XCTAssertEqual(labelled.samples.map(\.label), ["2026-11-29", "good", "camera1", "images", "images"])
    }

    func testRelativeRootIsMadeAbsolute() throws {
        try touch(["x.png"])
        let saved = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        FileManager.default.changeCurrentDirectoryPath((root as NSString).deletingLastPathComponent)
        let dataset = try Dataset.discover(at: "set/")
        XCTAssertEqual(dataset.samples.map(\.path), [root + "/x.png"])
    }

    func testFolderSymbolicLinkLoopIsReportedAndListingGoesOn() throws {
        try touch(["good/a.png", "good/inner/b.png"])
        XCTAssertEqual(symlink(root + "/good", root + "/good/inner/back-up"), 0)
        XCTAssertEqual(symlink(root + "/self-loop", root + "/self-loop"), 0)
        let dataset = try Dataset.discover(at: root)
        XCTAssertEqual(dataset.samples.map(\.relativePath), ["good/a.png", "good/inner/b.png"])
        XCTAssertEqual(Set(dataset.problems.map(\.path)), [root + "/good/inner/back-up", root + "/self-loop"])
        XCTAssertTrue(dataset.problems.allSatisfy { $0.reason.contains("symbolic link loop") }, "\(dataset.problems)")
    }

    func testSymbolicLinksToFilesAndFoldersAreFollowed() throws {
        let elsewhere = try temporaryFolder(self)
        try write([1], to: elsewhere + "/linked.png")
        try touch(["good/a.png"])
        XCTAssertEqual(symlink(elsewhere + "/linked.png", root + "/good/link.png"), 0)
        XCTAssertEqual(symlink(elsewhere, root + "/scratch"), 0)
        let dataset = try Dataset.discover(at: root)
        XCTAssertEqual(dataset.samples.map(\.relativePath), ["good/a.png", "good/link.png", "scratch/linked.png"])
    }

    func testUnreadableSubfolderIsReportedAndListingGoesOn() throws {
        try touch(["good/a.png", "locked/b.png"])
        XCTAssertEqual(chmod(root + "/locked", 0), 0)
        try withoutRootPrivileges {
            let dataset = try Dataset.discover(at: root)
            XCTAssertEqual(dataset.samples.map(\.relativePath), ["good/a.png"])
            XCTAssertEqual(dataset.problems.map(\.description), [root + "/locked: cannot list folder: no read permission"])
        }
        XCTAssertEqual(chmod(root + "/locked", 0o755), 0)
    }

    func testRootThatIsAFileIsRefused() throws {
        try touch(["file.png"])
        XCTAssertEqual(imageError { try Dataset.discover(at: root + "/file.png") }?.reason, "not a folder")
    }

    /// Bad files among good ones: each bad one fails on its own, the rest decode.
    func testBadFilesDoNotStopTheOthers() throws {
        try FileManager.default.createDirectory(atPath: root + "/good", withIntermediateDirectories: true)
        let good = TestPNGWriter(width: 2, height: 2, bitDepth: 8, colourType: .grey, samples: [0, 1, 2, 3]).encoded()
        try write(good, to: root + "/good/1.png")
        try write([], to: root + "/good/2.png")
        try write(Array("text".utf8), to: root + "/good/3.png")
        try write(Array(good.prefix(40)), to: root + "/good/4.png")
        try write(good, to: root + "/good/5.png")
        var decoded = 0
        var failures: [String] = []
        for sample in try Dataset.discover(at: root).samples {
            do { _ = try ImageIO.decode(contentsOf: sample.path); decoded += 1 } catch let error as ImageError {
                failures.append((error.path as NSString).lastPathComponent)
            }
        }
        XCTAssertEqual(decoded, 2)
        XCTAssertEqual(failures, ["2.png", "3.png", "4.png"])
    }
}
