import Foundation

/// Who is labelling: `$USER`, else `$LOGNAME`, else the account name, else "unknown".
public enum CurrentUser {
    public static var name: String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
