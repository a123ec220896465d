extension ParameterReader {
    /// `memory_mb`: how much memory a fit may hold for its training features, in bytes (default 1 GiB).
    public func memoryBudgetBytes(defaultMB: Int = 1024) throws -> Int {
        try int("memory_mb", default: defaultMB, in: 1...1_000_000) * 1_048_576
    }
}
