import Foundation
import SpeckTUI
import XCTest

final class ThemeLoaderTests: XCTestCase {
    let projectThemes = TestFixtures.repository.appendingPathComponent("themes")

    func testEveryProjectThemeLoads() throws {
        let result = ThemeLoader(folders: [projectThemes]).load()
        XCTAssertEqual(result.problems, [])
        let names = Set(result.themes.map(\.name))
        for required in ["dark", "light", "high-contrast", "colorblind"] { XCTAssertTrue(names.contains(required), required) }
        let colourBlindMaps = result.themes.filter { $0.name == "colorblind" || $0.name == "viridis" }.map(\.heatmap.name)
        XCTAssertTrue(colourBlindMaps.allSatisfy { $0 == "viridis" || $0 == "cividis" }, "\(colourBlindMaps)")
    }

    func testBrokenThemeIsReportedByNameAndTheOthersStillLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-themes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name = \"broken\"\n[colors]\nbackground = \"#12\"\n".write(to: folder.appendingPathComponent("broken.toml"),
                                                                         atomically: true, encoding: .utf8)
        try "this is = = not toml".write(to: folder.appendingPathComponent("garbage.toml"), atomically: true, encoding: .utf8)
        let result = ThemeLoader(folders: [projectThemes, folder]).load()
        XCTAssertEqual(result.problems.count, 2, "\(result.problems)")
        XCTAssertTrue(result.problems.contains { $0.contains("broken.toml") && $0.contains("missing key") })
        XCTAssertTrue(result.problems.contains { $0.contains("garbage.toml") && $0.contains("not valid TOML") })
        XCTAssertTrue(result.themes.contains { $0.name == "dark" })
    }

    func testNoReadableThemeFallsBackToTheDefault() {
        let result = ThemeLoader(folders: [URL(fileURLWithPath: "/nonexistent/speck-themes")]).load()
        XCTAssertEqual(result.themes, [Theme.fallback])
    }

    func testUserThemeWithTheSameNameWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-themes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOf: projectThemes.appendingPathComponent("dark.toml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "heatmap = \"inferno\"", with: "heatmap = \"magma\"")
        try text.write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let dark = ThemeLoader(folders: [projectThemes, folder]).load().themes.first { $0.name == "dark" }
        XCTAssertEqual(dark?.heatmap.name, "magma")
    }
}
