/// Why a backbone could not be built or run.
public enum BackboneError: Error, CustomStringConvertible, Equatable {
    case unknownBackbone(String)
    case unknownTap(String, backbone: String, available: [String])
    case weightsNotFound(String)
    case missingTensor(String, path: String)
    case wrongShape(String, expected: [Int], found: [Int], path: String)
    case unsupportedArchitecture(String, path: String)
    case imageTooSmall(width: Int, height: Int)
    case notRGB(channels: Int)

    public var description: String {
        switch self {
        case .unknownBackbone(let name):
            return "unknown backbone '\(name)': use efficientnet-lite0, resnet18, resnet34, resnet50, resnet101, resnet152, wide_resnet50_2 or wide_resnet101_2"
        case .unknownTap(let tap, let backbone, let available):
            return "\(backbone) has no feature tap '\(tap)' (available: \(available.joined(separator: ", ")))"
        case .weightsNotFound(let message): return message
        case .missingTensor(let name, let path): return "\(path): tensor \(name) is missing (wrong checkpoint for this backbone?)"
        case .wrongShape(let name, let expected, let found, let path):
            return "\(path): tensor \(name) has shape \(found), expected \(expected)"
        case .unsupportedArchitecture(let why, let path): return "\(path): \(why)"
        case .imageTooSmall(let width, let height): return "image is \(width)x\(height); backbones need at least 32x32"
        case .notRGB(let channels): return "image has \(channels) channels; backbones need RGB"
        }
    }
}
