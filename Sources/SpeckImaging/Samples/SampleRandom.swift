import Foundation

/// SplitMix64: a small, fast, seedable generator, so the sample set is the same on
/// every run and machine for a given seed (Swift's default generator is not seedable).
struct SampleRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for item `index` of stream `purpose` under `seed`.
    init(seed: UInt64, purpose: UInt64, index: Int) {
        var mixer = SampleRandom(seed: seed ^ (purpose &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }

    /// Standard normal (Box-Muller).
    mutating func gaussian() -> Double {
        let u = max(Double.random(in: 0..<1, using: &self), 1e-12), v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    mutating func sign() -> Double { Bool.random(using: &self) ? 1 : -1 }
}
