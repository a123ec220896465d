/// A pickle reader that understands exactly what a PyTorch state dict needs
/// and nothing more: an allow-list of opcodes and of globals. It never calls
/// anything; "calling" an allowed global just builds the matching value.
/// Any other global is refused at the GLOBAL opcode, before any REDUCE.
struct Unpickler {
    static let allowedGlobals: Set<String> = [
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
        "torch.FloatStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.DoubleStorage",
        "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage",
        "torch.ByteStorage", "torch.BoolStorage",
    ]

    enum Failure: Error {
        case truncated
        case unknownOpcode(UInt8, offset: Int)
        case forbiddenGlobal(String)
        case malformed(String)
    }

    private let bytes: UnsafeRawBufferPointer
    private var position: Int
    private var stack: [PickleValue] = []
    private var marks: [[PickleValue]] = []
    private var memo: [Int: PickleValue] = [:]

    init(bytes: UnsafeRawBufferPointer, offset: Int) {
        self.bytes = bytes
        self.position = offset
    }

    /// Reads one pickle starting at `offset`; returns its value and the offset after STOP.
    static func load(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(Failure) -> (value: PickleValue, end: Int) {
        var reader = Unpickler(bytes: bytes, offset: offset)
        let value = try reader.run()
        return (value, reader.position)
    }

    private mutating func run() throws(Failure) -> PickleValue {
        while true {
            let opcodeOffset = position
            let op = try byte()
            switch op {
            case 0x80: _ = try byte()                                   // PROTO
            case 0x95: _ = try take(8)                                  // FRAME
            case 0x2e:                                                  // STOP
                guard let top = stack.popLast() else { throw .malformed("STOP with an empty stack") }
                return top
            case 0x28: marks.append(stack); stack = []                  // MARK
            case 0x30: _ = try pop()                                    // POP
            case 0x31: _ = try popMark()                                // POP_MARK
            case 0x4e: stack.append(.none)                              // NONE
            case 0x88: stack.append(.bool(true))                        // NEWTRUE
            case 0x89: stack.append(.bool(false))                       // NEWFALSE
            case 0x4a: stack.append(.int(Int(Int32(bitPattern: try uint(4)))))  // BININT
            case 0x4b: stack.append(.int(Int(try uint(1))))             // BININT1
            case 0x4d: stack.append(.int(Int(try uint(2))))             // BININT2
            case 0x8a: stack.append(.int(try long(Int(try uint(1)))))   // LONG1
            case 0x47: stack.append(.float(Double(bitPattern: UInt64(bigEndianBytes: try take(8)))))  // BINFLOAT
            case 0x58: stack.append(.string(try text(Int(try uint(4)))))  // BINUNICODE
            case 0x8c: stack.append(.string(try text(Int(try uint(1)))))   // SHORT_BINUNICODE
            case 0x29: stack.append(.tuple([]))                         // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popMark()))              // TUPLE
            case 0x85: let a = try pop(); stack.append(.tuple([a]))     // TUPLE1
            case 0x86: let b = try pop(), a = try pop(); stack.append(.tuple([a, b]))  // TUPLE2
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); stack.append(.tuple([a, b, c]))  // TUPLE3
            case 0x5d: stack.append(.list(PickleList()))                // EMPTY_LIST
            case 0x61: let item = try pop(); try topList().items.append(item)  // APPEND
            case 0x65: let items = try popMark(); try topList().items.append(contentsOf: items)  // APPENDS
            case 0x7d: stack.append(.dict(PickleDict()))                // EMPTY_DICT
            case 0x73:                                                  // SETITEM
                let value = try pop(), key = try pop()
                try topDict().entries.append((key, value))
            case 0x75:                                                  // SETITEMS
                let items = try popMark()
                guard items.count % 2 == 0 else { throw .malformed("SETITEMS with an odd item count") }
                let dict = try topDict()
                for i in stride(from: 0, to: items.count, by: 2) { dict.entries.append((items[i], items[i + 1])) }
            case 0x63:                                                  // GLOBAL
                let module = try line(), name = try line()
                stack.append(try global(module, name))
            case 0x93:                                                  // STACK_GLOBAL
                guard let name = try pop().asString, let module = try pop().asString else {
                    throw .malformed("STACK_GLOBAL needs two strings")
                }
                stack.append(try global(module, name))
            case 0x71: try put(Int(try uint(1)))                        // BINPUT
            case 0x72: try put(Int(try uint(4)))                        // LONG_BINPUT
            case 0x94: try put(memo.count)                              // MEMOIZE
            case 0x68: try get(Int(try uint(1)))                        // BINGET
            case 0x6a: try get(Int(try uint(4)))                        // LONG_BINGET
            case 0x52:                                                  // REDUCE
                let arguments = try pop(), callable = try pop()
                stack.append(try reduce(callable, arguments))
            case 0x62:                                                  // BUILD
                _ = try pop()
                guard case .dict = try peek() else { throw .malformed("BUILD on a \(try peek().kindName)") }
            case 0x51:                                                  // BINPERSID
                stack.append(try persistentLoad(try pop()))
            default:
                throw .unknownOpcode(op, offset: opcodeOffset)
            }
        }
    }

    // MARK: - values

    private func global(_ module: String, _ name: String) throws(Failure) -> PickleValue {
        let full = "\(module).\(name)"
        guard Unpickler.allowedGlobals.contains(full) else { throw .forbiddenGlobal(full) }
        return .global(full)
    }

    private func reduce(_ callable: PickleValue, _ arguments: PickleValue) throws(Failure) -> PickleValue {
        guard case .global(let name) = callable, let args = arguments.asTuple else {
            throw .malformed("REDUCE on a \(callable.kindName)")
        }
        switch name {
        case "collections.OrderedDict":
            return .dict(PickleDict())
        case "torch._utils._rebuild_tensor_v2":
            guard args.count >= 4, case .storage(let storage) = args[0], let offset = args[1].asInt,
                  let size = args[2].asTuple?.compactMap(\.asInt), let stride = args[3].asTuple?.compactMap(\.asInt),
                  size.count == args[2].asTuple?.count, stride.count == size.count else {
                throw .malformed("bad arguments to _rebuild_tensor_v2")
            }
            return .tensor(TensorReference(storage: storage, offset: offset, size: size, stride: stride))
        case "torch._utils._rebuild_parameter":
            guard let first = args.first, case .tensor = first else { throw .malformed("bad arguments to _rebuild_parameter") }
            return first
        default:
            throw .malformed("\(name) cannot be called")
        }
    }

    /// `('storage', <storage class>, key, location, numel[, view_metadata])`.
    private func persistentLoad(_ pid: PickleValue) throws(Failure) -> PickleValue {
        guard let parts = pid.asTuple, parts.count >= 5, parts[0].asString == "storage",
              case .global(let className) = parts[1], let type = StorageType(torchStorageClass: className),
              let key = parts[2].asString, let count = parts[4].asInt, count >= 0 else {
            throw .malformed("unexpected persistent id")
        }
        return .storage(StorageReference(type: type, key: key, elementCount: count))
    }

    // MARK: - stack and memo

    private mutating func pop() throws(Failure) -> PickleValue {
        guard let top = stack.popLast() else { throw .malformed("stack underflow") }
        return top
    }

    private func peek() throws(Failure) -> PickleValue {
        guard let top = stack.last else { throw .malformed("stack underflow") }
        return top
    }

    private mutating func popMark() throws(Failure) -> [PickleValue] {
        guard let previous = marks.popLast() else { throw .malformed("no MARK on the stack") }
        let items = stack
        stack = previous
        return items
    }

    private func topList() throws(Failure) -> PickleList {
        guard case .list(let list) = try peek() else { throw .malformed("append to a non-list") }
        return list
    }

    private func topDict() throws(Failure) -> PickleDict {
        guard case .dict(let dict) = try peek() else { throw .malformed("set item on a non-dict") }
        return dict
    }

    private mutating func put(_ index: Int) throws(Failure) { memo[index] = try peek() }

    private mutating func get(_ index: Int) throws(Failure) {
        guard let value = memo[index] else { throw .malformed("memo entry \(index) missing") }
        stack.append(value)
    }

    // MARK: - bytes

    private mutating func byte() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func take(_ count: Int) throws(Failure) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - position else { throw .truncated }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    private mutating func uint(_ count: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for (i, b) in try take(count).enumerated() { value |= UInt32(b) << (8 * i) }
        return value
    }

    /// A little-endian two's-complement integer of `count` bytes (LONG1).
    private mutating func long(_ count: Int) throws(Failure) -> Int {
        let raw = try take(count)
        guard count <= 8 else {
            // Only the 10-byte magic number is this long; keep its low 64 bits.
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(raw[i]) << (8 * UInt64(i)) }
            return Int(bitPattern: UInt(value))
        }
        var value: UInt64 = 0
        for (i, b) in raw.enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
        if count > 0 && count < 8 && raw[count - 1] & 0x80 != 0 { value |= ~0 << (8 * UInt64(count)) }
        return Int(bitPattern: UInt(value))
    }

    private mutating func text(_ count: Int) throws(Failure) -> String {
        String(decoding: try take(count), as: UTF8.self)
    }

    private mutating func line() throws(Failure) -> String {
        var end = position
        while end < bytes.count && bytes[end] != 0x0a { end += 1 }
        guard end < bytes.count else { throw .truncated }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
        position = end + 1
        return value
    }
}

private extension UInt64 {
    init(bigEndianBytes raw: UnsafeRawBufferPointer) {
        var value: UInt64 = 0
        for b in raw { value = value << 8 | UInt64(b) }
        self = value
    }
}
