import Foundation

/// Who is labelling: `$USER`, else `$LOGNAME`, else "unknown".
public enum CurrentUser {
    public static var name: String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "unknown"
    }
}
