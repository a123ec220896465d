/// Whether the workstation asks the terminal for mouse events. `--no-mouse` sets
/// SPECK_MOUSE=off; users can set it in their shell to keep the terminal's own
/// text selection.
public enum MouseSetting {
    public static func isEnabled(environment: [String: String]) -> Bool {
        guard let value = environment["SPECK_MOUSE"]?.lowercased() else { return true }
        return !["0", "off", "no", "false"].contains(value)
    }
}
