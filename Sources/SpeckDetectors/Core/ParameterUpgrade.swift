/// A model file written before one of its detector's parameters existed records
/// nothing for it; on reload it gets the value those fits used, not today's default.
public enum ParameterUpgrade {
    public static func filling(_ key: String, with value: String, in parameters: [String: String]) -> [String: String] {
        parameters[key] == nil ? parameters.merging([key: value]) { $1 } : parameters
    }
}
