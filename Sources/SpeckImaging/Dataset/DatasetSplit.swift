/// Which part of an MVTec-style dataset an image comes from.
public enum DatasetSplit: String, Sendable, CaseIterable {
    case train, test
    /// A plain folder, or an MVTec folder outside train/ and test/.
    case none
}
