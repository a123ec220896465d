import Foundation

/// One self-describing file holding a fitted detector:
///
///     "SPECKMDL" | format version (UInt32 LE) | header length (UInt32 LE)
///     | header (UTF-8 JSON: detector, backbone, weights checksum, parameters,
///       preprocessing, threshold and how it was chosen, normalisation,
///       scalars, texts, array table) | arrays as raw Float32 LE | checksum (UInt64 LE)
///
/// The JSON header keeps the file inspectable with `head`; the checksum covers
/// header and arrays so a damaged file is refused rather than misread, and
/// arrays holding NaN or infinity (a diverged fit) are refused on reading.
public struct ModelFile: Sendable, Equatable {
    public static let magic = Array("SPECKMDL".utf8)
    public static let formatVersion: UInt32 = 1

    public var configuration: DetectorConfiguration
    public var state: DetectorState
    public var calibration: ScoreCalibration?
    /// Version of Speck that wrote the file (informational).
    public var writtenBy: String

    public init(configuration: DetectorConfiguration, state: DetectorState,
                calibration: ScoreCalibration? = nil, writtenBy: String = "speck") {
        self.configuration = configuration
        self.state = state
        self.calibration = calibration
        self.writtenBy = writtenBy
    }

    /// Captures a fitted detector.
    public init(detector: any Detector, calibration: ScoreCalibration?, writtenBy: String = "speck") throws {
        self.init(configuration: detector.configuration, state: try detector.exportState(),
                  calibration: calibration, writtenBy: writtenBy)
    }

    // MARK: - Writing

    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }

    public func encoded() throws -> Data {
        let names = state.arrays.keys.sorted()
        var table: [Header.ArrayEntry] = []
        var offset = 0
        for name in names {
            let array = state.arrays[name]!
            table.append(.init(name: name, shape: array.shape, offset: offset, count: array.values.count))
            offset += array.values.count * 4
        }
        let header = Header(configuration: configuration, calibration: calibration,
                            scalars: state.scalars, texts: state.texts.isEmpty ? nil : state.texts, arrays: table, payloadBytes: offset, writtenBy: writtenBy)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        let json = try encoder.encode(header)

        var data = Data(capacity: 16 + json.count + offset + 8)
        data.append(contentsOf: Self.magic)
        Self.appendLittleEndian(Self.formatVersion, to: &data)
        Self.appendLittleEndian(UInt32(json.count), to: &data)
        data.append(json)
        for name in names {
            state.arrays[name]!.values.withUnsafeBufferPointer { values in
                // Float32 little-endian on every platform Speck builds for.
                data.append(UnsafeBufferPointer(start: UnsafeRawPointer(values.baseAddress!)
                    .assumingMemoryBound(to: UInt8.self), count: values.count * 4))
            }
        }
        var checksum = Checksum64()
        data.withUnsafeBytes { checksum.update(UnsafeRawBufferPointer(rebasing: $0[Self.magic.count...])) }
        Self.appendLittleEndian(checksum.value, to: &data)
        return data
    }

    // MARK: - Reading

    public static func read(from url: URL) throws -> ModelFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError(path: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, path: url.path)
    }

    public static func decode(_ data: Data, path: String = "<memory>") throws -> ModelFile {
        func fail(_ problem: String) -> ModelFileError { ModelFileError(path: path, problem: problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count, Array(bytes[0 ..< magic.count]) == magic else {
            throw fail("is not a Speck model file (it does not start with SPECKMDL)")
        }
        guard bytes.count >= 16 else { throw fail("is truncated (\(bytes.count) bytes, not even a full preamble)") }
        let version = readLittleEndian(UInt32.self, bytes, at: 8)
        guard version == formatVersion else {
            throw fail("uses model format version \(version); this Speck reads version \(formatVersion) — refit the model with this version")
        }
        let headerLength = Int(readLittleEndian(UInt32.self, bytes, at: 12))
        guard bytes.count >= 16 + headerLength + 8 else {
            throw fail("is truncated (\(bytes.count) bytes, the header alone needs \(16 + headerLength + 8))")
        }
        let header: Header
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = nonFiniteDecoding
            header = try decoder.decode(Header.self, from: Data(bytes[16 ..< 16 + headerLength]))
        } catch {
            throw fail("is damaged: its header is not valid (\(error))")
        }
        let payloadStart = 16 + headerLength
        let expected = payloadStart + header.payloadBytes + 8
        guard bytes.count == expected else {
            let what = bytes.count < expected ? "is truncated" : "has trailing bytes"
            throw fail("\(what): expected \(expected) bytes, found \(bytes.count)")
        }
        var checksum = Checksum64()
        bytes.withUnsafeBytes { checksum.update(UnsafeRawBufferPointer(rebasing: $0[magic.count ..< expected - 8])) }
        guard checksum.value == readLittleEndian(UInt64.self, bytes, at: expected - 8) else {
            throw fail("is damaged: checksum mismatch")
        }
        var arrays: [String: DetectorState.Array] = [:]
        for entry in header.arrays {
            let count = entry.shape.reduce(1, *)
            guard count == entry.count, entry.offset >= 0, entry.offset + count * 4 <= header.payloadBytes else {
                throw fail("is damaged: array '\(entry.name)' does not fit its shape or the file")
            }
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBytes { destination in
                bytes.withUnsafeBytes { source in
                    destination.copyMemory(from: UnsafeRawBufferPointer(
                        rebasing: source[(payloadStart + entry.offset) ..< (payloadStart + entry.offset + count * 4)]))
                }
            }
            arrays[entry.name] = DetectorState.Array(shape: entry.shape, values: values)
        }
        let state = DetectorState(arrays: arrays, scalars: header.scalars, texts: header.texts ?? [:])
        if let bad = state.firstNonFiniteValue {
            throw fail("holds \(bad.value) at element \(bad.element) of array '\(bad.array)': "
                + "the fit diverged or the file was damaged before its checksum was written; fit the model again")
        }
        return ModelFile(configuration: header.configuration, state: state,
                         calibration: header.calibration, writtenBy: header.writtenBy)
    }

    // MARK: - Layout helpers

    private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy
        .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    private static let nonFiniteDecoding = JSONDecoder.NonConformingFloatDecodingStrategy
        .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private struct Header: Codable {
        struct ArrayEntry: Codable {
            var name: String
            var shape: [Int]
            var offset: Int
            var count: Int
        }
        var configuration: DetectorConfiguration
        var calibration: ScoreCalibration?
        var scalars: [String: Double]
        /// Absent in files written before texts existed, and when there are none.
        var texts: [String: [String]]?
        var arrays: [ArrayEntry]
        var payloadBytes: Int
        var writtenBy: String
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func readLittleEndian<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}

/// A model file that cannot be used, naming the file and what is wrong with it.
public struct ModelFileError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var problem: String
    public var description: String { "model file \(path) \(problem)" }
    public var errorDescription: String? { description }
}
