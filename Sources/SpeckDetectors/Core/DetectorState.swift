/// A fitted detector's learned numbers: named Float32 arrays with shapes
/// (memory banks, means, inverse covariances, histograms) and small scalars.
public struct DetectorState: Sendable, Equatable {
    public struct Array: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]
        public init(shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "state array shape does not match its values")
            self.shape = shape
            self.values = values
        }
    }

    public var arrays: [String: Array]
    public var scalars: [String: Double]
    /// Named lists of text, e.g. the training images' paths a memory bank traces back to.
    public var texts: [String: [String]]

    public init(arrays: [String: Array] = [:], scalars: [String: Double] = [:], texts: [String: [String]] = [:]) {
        self.arrays = arrays
        self.scalars = scalars
        self.texts = texts
    }

    /// The array named `name`, or a clear error for a model file missing it.
    public func array(_ name: String) throws -> Array {
        guard let a = arrays[name] else { throw DetectorError.incompatibleModel("missing array '\(name)'") }
        return a
    }

    /// The first NaN or infinity in the arrays, taken in name order. Learned
    /// numbers must be finite: a diverged fit or a damaged file shows up here.
    public var firstNonFiniteValue: (array: String, element: Int, value: Float)? {
        for name in arrays.keys.sorted() {
            let values = arrays[name]!.values
            if let element = values.firstIndex(where: { !$0.isFinite }) { return (name, element, values[element]) }
        }
        return nil
    }

    public func scalar(_ name: String) throws -> Double {
        guard let s = scalars[name] else { throw DetectorError.incompatibleModel("missing value '\(name)'") }
        return s
    }
}
