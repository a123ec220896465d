/// The few Python values a PyTorch state-dict pickle is made of.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    case global(String)          // an allow-listed callable or class, "module.name"
    case storage(StorageReference)
    case tensor(TensorReference)

    var asString: String? { if case .string(let s) = self { return s } else { return nil } }
    var asInt: Int? { if case .int(let i) = self { return i } else { return nil } }
    var asTuple: [PickleValue]? { if case .tuple(let t) = self { return t } else { return nil } }

    var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .global(let name): return name
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// Lists and dicts are mutable and shared through the pickle memo.
final class PickleList {
    var items: [PickleValue] = []
}

final class PickleDict {
    var entries: [(key: PickleValue, value: PickleValue)] = []
}

/// A storage named by a persistent id: its element type, key and length.
struct StorageReference {
    var type: StorageType
    var key: String
    var elementCount: Int
}

/// `_rebuild_tensor_v2(storage, offset, size, stride, ...)`.
struct TensorReference {
    var storage: StorageReference
    var offset: Int
    var size: [Int]
    var stride: [Int]
}
