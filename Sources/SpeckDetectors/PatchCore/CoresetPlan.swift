import Foundation

/// How many patches the memory bank keeps: the asked fraction of all training
/// patches, lowered when the bank plus the selection's working memory would
/// exceed the byte cap.
struct CoresetPlan {
    let bankRows: Int
    let fraction: Double
    let note: String?

    /// `workingBytes`: what the selection needs beside the bank (an upper bound, taken
    /// at the asked fraction). Throws when the cap cannot hold even that.
    init(patches: Int, dim: Int, fraction asked: Double, capBytes: Int, workingBytes: Int = 0) throws {
        let rowBytes = max(dim, 1) * MemoryLayout<Float>.size
        let wanted = max(1, Int(Double(patches) * asked))
        let mb = Double(capBytes) / 1_048_576
        guard capBytes - workingBytes >= rowBytes else {
            throw DetectorError.invalidParameter(String(
                format: "memory_mb=%.0f is too small: choosing the coreset among %d patches needs %.1f MB of working memory besides the memory bank",
                mb, patches, Double(workingBytes) / 1_048_576))
        }
        let allowed = max(1, (capBytes - workingBytes) / rowBytes)
        if wanted <= allowed {
            bankRows = wanted
            fraction = asked
            note = nil
        } else {
            bankRows = allowed
            fraction = Double(allowed) / Double(patches)
            note = String(format: "coreset fraction lowered from %.3g%% to %.3g%% so the memory bank and its selection stay under %.0f MB (%d of %d patches)",
                          asked * 100, fraction * 100, mb, allowed, patches)
        }
    }
}
