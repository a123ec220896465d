import Foundation

/// How many patches the memory bank keeps: the asked fraction of all training
/// patches, lowered when the bank would exceed its byte cap.
struct CoresetPlan {
    let bankRows: Int
    let fraction: Double
    let note: String?

    init(patches: Int, dim: Int, fraction asked: Double, capBytes: Int) {
        let rowBytes = max(dim, 1) * MemoryLayout<Float>.size
        let wanted = max(1, Int(Double(patches) * asked))
        let allowed = max(1, capBytes / rowBytes)
        if wanted <= allowed {
            bankRows = wanted
            fraction = asked
            note = nil
        } else {
            bankRows = allowed
            fraction = Double(allowed) / Double(patches)
            let mb = Double(capBytes) / 1_048_576
            note = String(format: "coreset fraction lowered from %.3g%% to %.3g%% so the memory bank stays under %.0f MB (%d of %d patches)",
                          asked * 100, fraction * 100, mb, allowed, patches)
        }
    }
}
