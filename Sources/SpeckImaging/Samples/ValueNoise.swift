/// Smooth random fields for textures: lattice value noise (random values on a grid,
/// smoothly interpolated), summed over octaves.
struct ValueNoise {
    private let size: Int
    private let values: [Double]

    /// A periodic `size` x `size` lattice of values in [-1, 1].
    init(size: Int = 64, random: inout SampleRandom) {
        self.size = size
        values = (0..<(size * size)).map { _ in random.uniform(-1...1) }
    }

    /// Noise at lattice coordinates (x, y): one lattice cell per unit, C1-smooth.
    func sample(_ x: Double, _ y: Double) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let tx = smooth(x - fx), ty = smooth(y - fy)
        let ix = wrap(Int(fx)), iy = wrap(Int(fy))
        let ix1 = wrap(ix + 1), iy1 = wrap(iy + 1)
        let top = lerp(values[iy * size + ix], values[iy * size + ix1], tx)
        let bottom = lerp(values[iy1 * size + ix], values[iy1 * size + ix1], tx)
        return lerp(top, bottom, ty)
    }

    /// Octaves summed with halving amplitude; about [-1, 1].
    func fractal(_ x: Double, _ y: Double, octaves: Int) -> Double {
        var total = 0.0, amplitude = 1.0, frequency = 1.0, norm = 0.0
        for octave in 0..<octaves {
            total += amplitude * sample(x * frequency + Double(octave) * 17.3, y * frequency + Double(octave) * 7.1)
            norm += amplitude
            amplitude *= 0.5
            frequency *= 2
        }
        return total / norm
    }

    private func wrap(_ i: Int) -> Int { ((i % size) + size) % size }
    private func smooth(_ t: Double) -> Double { t * t * (3 - 2 * t) }
    private func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { a + (b - a) * t }
}
