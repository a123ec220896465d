import Foundation

/// One photograph of the demo plate: where it lies, how it is lit and its own brushed
/// texture, all drawn at random so that no two defect-free images are alike.
/// Rendered in grey, as a monochrome inspection camera would see it.
struct PlateScene {
    static let size = 256

    let shift: (x: Double, y: Double)
    let rotation: Double
    let brightness: Double
    let gradient: (x: Double, y: Double)
    /// Direction towards the light, in the image plane (unit vector).
    let light: (x: Double, y: Double)
    let band: (angle: Double, centre: Double, width: Double, strength: Double)
    let brushAmplitude: Double
    let noiseSigma: Double
    private let brushProfile: [Double]
    private let streaks: ValueNoise
    private let blotches: ValueNoise
    private let noiseSeed: UInt64

    init(random: inout SampleRandom) {
        shift = (random.uniform(-7...7), random.uniform(-7...7))
        rotation = random.uniform(-4...4) * Double.pi / 180
        brightness = random.uniform(0.82...1.12)
        let gradientAngle = random.uniform(0...(2 * Double.pi)), gradientStrength = random.uniform(0...0.22)
        gradient = (cos(gradientAngle) * gradientStrength, sin(gradientAngle) * gradientStrength)
        let lightAngle = Double.pi * 1.25 + random.uniform(-0.5...0.5) // from the top left
        light = (cos(lightAngle), sin(lightAngle))
        band = (Double.pi / 2 + random.uniform(-0.35...0.35), random.uniform(-110...110),
                random.uniform(25...65), random.uniform(0.04...0.2))
        brushAmplitude = random.uniform(0.035...0.06)
        noiseSigma = random.uniform(0.007...0.013)
        // Brushing runs along the part's u axis: a random profile across it (0.5 px steps),
        // lightly smoothed so grooves are 1-2 px wide.
        let raw = (0..<600).map { _ in random.gaussian() }
        brushProfile = raw.indices.map { i in
            (raw[max(i - 1, 0)] + 2 * raw[i] + raw[min(i + 1, raw.count - 1)]) / 4
        }
        streaks = ValueNoise(size: 64, random: &random)
        blotches = ValueNoise(size: 32, random: &random)
        noiseSeed = random.next()
    }

    /// The image (1 channel, `size` x `size`; the scene is laid out for 256 and scaled) and,
    /// for a defect, its mask (1 = defect).
    func render(defect: SampleDefect?, size: Int = PlateScene.size) -> (image: Image, mask: Image?) {
        let scale = Double(Self.size) / Double(size)
        var pixels = [Float](repeating: 0, count: size * size)
        var mask = defect.map { _ in [Float](repeating: 0, count: size * size) }
        var noise = SampleRandom(seed: noiseSeed)
        for y in 0..<size {
            for x in 0..<size {
                var sum = 0.0
                for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    sum += radiance((Double(x) + sx) * scale, (Double(y) + sy) * scale, defect: defect)
                }
                let value = sum / 4 + noiseSigma * noise.gaussian()
                pixels[y * size + x] = Float((min(max(value, 0), 1) * 255).rounded() / 255)
                let centre = partCoordinates((Double(x) + 0.5) * scale, (Double(y) + 0.5) * scale)
                if let defect, defect.masks(centre.0, centre.1) {
                    mask![y * size + x] = 1
                }
            }
        }
        return (Image(width: size, height: size, channels: 1, pixels: pixels),
                mask.map { Image(width: size, height: size, channels: 1, pixels: $0) })
    }

    /// Image point → the part's frame (undo the shift, then the rotation).
    private func partCoordinates(_ x: Double, _ y: Double) -> (Double, Double) {
        let dx = x - Double(Self.size) / 2 - shift.x, dy = y - Double(Self.size) / 2 - shift.y
        return (cos(rotation) * dx + sin(rotation) * dy, -sin(rotation) * dx + cos(rotation) * dy)
    }

    /// A part-frame direction → the image frame.
    private func toImage(_ direction: (Double, Double)) -> (Double, Double) {
        (cos(rotation) * direction.0 - sin(rotation) * direction.1, sin(rotation) * direction.0 + cos(rotation) * direction.1)
    }

    private func illumination(_ x: Double, _ y: Double) -> Double {
        let nx = x / Double(Self.size) - 0.5, ny = y / Double(Self.size) - 0.5
        let vignette = 1 - 0.35 * (nx * nx + ny * ny)
        return brightness * (1 + gradient.x * nx * 2 + gradient.y * ny * 2) * vignette
    }

    private func radiance(_ x: Double, _ y: Double, defect: SampleDefect?) -> Double {
        let (u, v) = partCoordinates(x, y)
        let lighting = illumination(x, y)
        let edge = PlateGeometry.signedDistance(u, v)
        if edge > 0 { return lighting * background(x, y, edge: edge) }

        for (index, hole) in PlateGeometry.holes.enumerated() {
            if case .missingHole(let missing) = defect, missing == index { continue }
            let d = hypot(u - hole.x, v - hole.y)
            if d < hole.radius + PlateGeometry.chamferWidth {
                let normal = toImage(((u - hole.x) / max(d, 1e-6), (v - hole.y) / max(d, 1e-6)))
                let facing = max(0, -(normal.0 * light.x + normal.1 * light.y))
                if d >= hole.radius { return lighting * (0.32 + 0.5 * facing) }        // chamfer
                if d >= hole.radius - 2.5 { return lighting * (0.07 + 0.3 * facing) } // inner wall
                return lighting * (0.05 + 0.02 * blotches.sample(u / 6, v / 6))       // through the hole
            }
        }
        if edge > -PlateGeometry.bevelWidth {
            let normal = toImage(PlateGeometry.outwardNormal(u, v))
            let facing = normal.0 * light.x + normal.1 * light.y
            return lighting * (0.45 + 0.35 * facing)
        }
        return lighting * surface(u, v, defect: defect)
    }

    /// Brushed aluminium: grooves along u whose strength varies along their length,
    /// faint large-scale blotches, and the anisotropic highlight band.
    private func surface(_ u: Double, _ v: Double, defect: SampleDefect?) -> Double {
        var brushWeight = 1.0, albedoFactor = 1.0, shading = 0.0, sheen = 1.0
        switch defect {
        case let .scratch(path, width, amplitude)?:
            let d = SampleDefect.distance(from: (u, v), toPath: path)
            shading += amplitude * exp(-(d * d) / (width * width))
        case let .stain(centre, radius, outline, strength)?:
            let s = SampleDefect.stainCoordinate(u, v, centre: centre, radius: radius, outline: outline)
            let inside = 1 - smoothStep(0.8, 1.0, s)
            let ring = exp(-pow((s - 0.93) / 0.07, 2))
            let mottling = 0.75 + 0.25 * blotches.sample(u / 5, v / 5)
            albedoFactor -= strength * (inside * mottling + 0.5 * ring)
            sheen -= 0.7 * inside
            brushWeight -= 0.4 * inside
        case let .dent(centre, sigma, amplitude)?:
            let du = u - centre.0, dv = v - centre.1
            // Gaussian depression, faded to exactly flat by 2.4 sigma so nothing leaks past the mask.
            let fade = 1 - smoothStep(1.8 * sigma, 2.4 * sigma, hypot(du, dv))
            let bump = fade * exp(-(du * du + dv * dv) / (2 * sigma * sigma))
            // Slope of the depression, scaled so its steepest point gives `amplitude`.
            let slope = toImage((du * bump / (sigma * 0.6065), dv * bump / (sigma * 0.6065)))
            shading += amplitude * (slope.0 * light.x + slope.1 * light.y)
            brushWeight -= 0.6 * bump
        case .missingHole(let index)?:
            let hole = PlateGeometry.holes[index]
            let d = hypot(u - hole.x, v - hole.y)
            shading -= 0.2 * exp(-(d * d) / 2.5) // centre-punch mark
        case nil:
            break
        }
        let brush = brushAmplitude * brushWeight * groove(v) * (0.6 + 0.4 * streaks.sample(u / 28, v / 1.7))
        let grain = 0.012 * streaks.sample(u / 3.5 + 40, v / 0.8)
        let albedo = (0.5 + 0.04 * blotches.fractal(u / 40 + 5, v / 40 + 5, octaves: 3) + brush + grain) * albedoFactor
        let across = u * cos(band.angle) + v * sin(band.angle) - band.centre
        let highlight = band.strength * sheen * exp(-(across * across) / (band.width * band.width)) * (1 + 4 * brush)
        return albedo + highlight + shading
    }

    private func groove(_ v: Double) -> Double {
        let position = (v + 150) * 2
        let i = min(max(Int(position), 0), brushProfile.count - 2), t = position - Double(i)
        return brushProfile[i] * (1 - t) + brushProfile[i + 1] * t
    }

    /// Dark matte fixture, with the plate's shadow away from the light.
    private func background(_ x: Double, _ y: Double, edge: Double) -> Double {
        let (u, v) = partCoordinates(x + light.x * 6, y + light.y * 6)
        let shadowEdge = PlateGeometry.signedDistance(u, v)
        let shadow = shadowEdge < 0 ? 0.55 : 1 - 0.45 * exp(-shadowEdge / 4)
        return (0.14 + 0.03 * blotches.fractal(x / 30, y / 30, octaves: 2)) * shadow
    }

    private func smoothStep(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let t = min(max((x - a) / (b - a), 0), 1)
        return t * t * (3 - 2 * t)
    }
}
