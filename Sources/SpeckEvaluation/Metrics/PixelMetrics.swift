/// Pixel-level figures over a whole test split: pixel AUROC, AUPRO (MVTec AD
/// protocol) and pixel F1-max, from one descending sort of every pixel.
///
/// AUPRO: for each threshold, the false-positive rate over all normal pixels
/// and the mean over ground-truth regions (8-connected components of every
/// mask) of the fraction of the region above the threshold; the PRO curve is
/// integrated over FPR from 0 to `fprLimit` and divided by `fprLimit`.
public struct PixelMetrics: Sendable, Equatable {
    public var auroc: Double
    public var aupro: Double
    public var f1Max: Double
    /// Threshold on map values achieving `f1Max`.
    public var f1Threshold: Float
    public var regionCount: Int

    /// One scored image: its map and its ground-truth mask (true = defect) on the same grid.
    public struct Sample: Sendable {
        public var map: [Float]
        public var mask: [Bool]
        public var width: Int
        public var height: Int
        public init(map: [Float], mask: [Bool], width: Int, height: Int) {
            self.map = map
            self.mask = mask
            self.width = width
            self.height = height
        }
    }

    public init(samples: [Sample], fprLimit: Double = 0.3) throws {
        var total = 0
        for (index, sample) in samples.enumerated() {
            guard sample.map.count == sample.width * sample.height, sample.mask.count == sample.map.count else {
                throw EvaluationError.mismatchedInput("image \(index): map and mask sizes differ")
            }
            total += sample.map.count
        }
        guard total < Int(UInt32.max) else { throw EvaluationError.mismatchedInput("more than 4G pixels") }

        // Per pixel: which region it belongs to (-1: normal), and a sort key
        // whose high half orders the score and low half is the pixel index.
        var region = [Int32](repeating: -1, count: total)
        var keys = [UInt64](repeating: 0, count: total)
        var regionSizes: [Int] = []
        var offset = 0
        for sample in samples {
            let components = ConnectedComponents(mask: sample.mask, width: sample.width, height: sample.height)
            let base = Int32(regionSizes.count)
            for i in 0 ..< sample.map.count {
                let value = sample.map[i]
                guard value.isFinite else { throw EvaluationError.invalidScore("map value \(value)") }
                keys[offset + i] = (UInt64(Self.orderedBits(value)) << 32) | UInt64(offset + i)
                if components.labels[i] >= 0 { region[offset + i] = base + components.labels[i] }
            }
            regionSizes += components.sizes
            offset += sample.map.count
        }
        let positives = region.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        let negatives = total - positives
        guard positives > 0, negatives > 0 else {
            throw EvaluationError.singleClass("pixel AUROC and AUPRO: the masks mark \(positives == 0 ? "no defect pixels" : "every pixel as defect")")
        }
        keys.sort()

        // Walk from the highest score down, one group of tied scores at a time.
        let regionWeight = regionSizes.map { 1 / (Double($0) * Double(regionSizes.count)) }
        var truePositives = 0, falsePositives = 0, pro = 0.0
        var previousFPR = 0.0, previousTPR = 0.0, previousPRO = 0.0
        var rocArea = 0.0, proArea = 0.0
        var bestF1 = -1.0, bestThreshold: Float = 0
        var index = total - 1
        while index >= 0 {
            let bits = UInt32(truncatingIfNeeded: keys[index] >> 32)
            while index >= 0, UInt32(truncatingIfNeeded: keys[index] >> 32) == bits {
                let pixel = Int(truncatingIfNeeded: keys[index] & 0xFFFF_FFFF)
                let r = region[pixel]
                if r >= 0 {
                    truePositives += 1
                    pro += regionWeight[Int(r)]
                } else {
                    falsePositives += 1
                }
                index -= 1
            }
            let fpr = Double(falsePositives) / Double(negatives)
            let tpr = Double(truePositives) / Double(positives)
            rocArea += (fpr - previousFPR) * (tpr + previousTPR) / 2
            if previousFPR < fprLimit {
                if fpr <= fprLimit {
                    proArea += (fpr - previousFPR) * (pro + previousPRO) / 2
                } else {
                    let t = (fprLimit - previousFPR) / (fpr - previousFPR)
                    let proAtLimit = previousPRO + t * (pro - previousPRO)
                    proArea += (fprLimit - previousFPR) * (proAtLimit + previousPRO) / 2
                }
            }
            let f1 = 2 * Double(truePositives) / Double(truePositives + falsePositives + positives)
            if f1 > bestF1 {
                bestF1 = f1
                let score = Self.value(ofOrderedBits: bits)
                let next = index >= 0 ? Self.value(ofOrderedBits: UInt32(truncatingIfNeeded: keys[index] >> 32)) : score
                let middle = next + (score - next) / 2
                bestThreshold = index >= 0 && middle > next && middle <= score ? middle : score
            }
            previousFPR = fpr
            previousTPR = tpr
            previousPRO = pro
        }
        auroc = rocArea
        aupro = proArea / fprLimit
        f1Max = bestF1
        f1Threshold = bestThreshold
        regionCount = regionSizes.count
    }

    /// Maps a Float to a UInt32 whose unsigned order is the Float order.
    static func orderedBits(_ value: Float) -> UInt32 {
        let bits = (value == 0 ? Float(0) : value).bitPattern // -0 and +0 tie
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    static func value(ofOrderedBits ordered: UInt32) -> Float {
        Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }
}
