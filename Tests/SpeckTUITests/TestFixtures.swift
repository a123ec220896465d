import Foundation
import SpeckTestSupport
import XCTest

/// Where the tests find the binary, the shared data and a terminfo entry.
enum TestFixtures {
    static let repository = TestData.repository

    /// `SPECK_BINARY` (set by `./dev test`), else the newest `speck` under the repository's build folders.
    static func speckBinary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SPECK_BINARY"], !path.isEmpty { return path }
        let fm = FileManager.default
        let builds = (try? fm.contentsOfDirectory(atPath: repository.path))?.filter { $0.hasPrefix(".build") } ?? []
        let candidates = builds.flatMap { build in
            ["release", "debug"].map { repository.appendingPathComponent("\(build)/\($0)/speck").path }
        }.filter { fm.isExecutableFile(atPath: $0) }
        func modified(_ path: String) -> Date {
            ((try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
        }
        guard let newest = candidates.max(by: { modified($0) < modified($1) }) else {
            throw XCTSkip("no speck binary: run ./dev test (sets SPECK_BINARY) or swift build first")
        }
        return newest
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

    /// A private copy of `sample-images/` (workspaces are written next to the
    /// images); while that folder is empty, a small MVTec-style set taken from
    /// the shared bottle dataset plus one undecodable file.
    /// `trainingLimit` keeps only the first N training images, so that fits in tests stay quick.
    static func sampleFolder(trainingLimit: Int? = nil) throws -> URL {
        let fm = FileManager.default
        let target = fm.temporaryDirectory.appendingPathComponent("speck-tui-\(UUID().uuidString.prefix(8))")
        // Resolved, so that a symlinked folder is copied and never modified in place.
        let samples = repository.appendingPathComponent("sample-images").resolvingSymlinksInPath()
        if try !imagePaths(in: samples).isEmpty {
            try fm.copyItem(at: samples, to: target)
            try? fm.removeItem(at: target.appendingPathComponent(".speck"))
            if let trainingLimit {
                let training = target.appendingPathComponent("train/good")
                let files = (try? fm.contentsOfDirectory(atPath: training.path))?.sorted() ?? []
                for file in files.dropFirst(trainingLimit) { try fm.removeItem(at: training.appendingPathComponent(file)) }
            }
            return target
        }
        let bottle = URL(fileURLWithPath: try TestData.shared("datasets/mvtec-bottle"))
        let picks: [(String, [String])] = [
            ("train/good", (0..<10).map { String(format: "%03d.png", $0) }),
            ("test/good", (0..<4).map { String(format: "%03d.png", $0) }),
            ("test/broken_large", (0..<4).map { String(format: "%03d.png", $0) }),
            ("ground_truth/broken_large", (0..<4).map { String(format: "%03d_mask.png", $0) }),
        ]
        for (folder, files) in picks {
            let destination = target.appendingPathComponent(folder)
            try fm.createDirectory(at: destination, withIntermediateDirectories: true)
            for file in files {
                try fm.copyItem(at: bottle.appendingPathComponent(folder).appendingPathComponent(file),
                                to: destination.appendingPathComponent(file))
            }
        }
        try Data("not an image".utf8).write(to: target.appendingPathComponent("test/good/notes.png"))
        return target
    }

    /// Image files under `folder` (relative paths), masks and hidden folders excluded.
    static func imagePaths(in folder: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where imageExtensions.contains(url.pathExtension.lowercased()) {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            if relative.hasPrefix("ground_truth/") { continue }
            paths.append(relative)
        }
        return paths.sorted()
    }

    /// A TERMINFO folder with `xterm-direct` when the system lacks it (Debian
    /// ships it in ncurses-term): compiled with tic from a minimal source.
    static func directColourTerminfo() throws -> [String: String] {
        if (try? TmuxSession.run("/usr/bin/env", ["infocmp", "xterm-direct"])) != nil { return [:] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-terminfo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("xterm-direct.src")
        try """
            xterm-direct|xterm with direct-color indexing,
            \tRGB, colors#0x1000000, pairs#0x10000,
            \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48\\:2\\:\\:%p1%{65536}%/%d\\:%p1%{256}%/%{255}%&%d\\:%p1%{255}%&%d%;m,
            \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38\\:2\\:\\:%p1%{65536}%/%d\\:%p1%{256}%/%{255}%&%d\\:%p1%{255}%&%d%;m,
            \tuse=xterm-256color,

            """.write(to: source, atomically: true, encoding: .utf8)
        try TmuxSession.run("/usr/bin/env", ["tic", "-x", "-o", folder.path, source.path])
        return ["TERMINFO": folder.path]
    }
}
