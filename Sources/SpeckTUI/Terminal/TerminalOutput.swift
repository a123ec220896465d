import Foundation

/// Bytes written to the terminal beside ncurses (pictures). ncurses' frames and
/// these writes take turns under one lock, so an escape sequence of one is never
/// cut by the other, whichever thread writes.
/// A frame waiting for the lock goes first: the picture writer passes the
/// turnstile before each command, and a frame holds it while it waits, so a
/// frame waits for at most one command (a 4 KB kitty chunk) however many are queued.
public enum TerminalOutput {
    private static let lock = NSLock()
    private static let turnstile = NSLock()

    /// Runs `body` (an ncurses frame) under the lock, ahead of queued picture writes.
    public static func frame<T>(_ body: () -> T) -> T {
        turnstile.lock()
        lock.lock()
        turnstile.unlock()
        defer { lock.unlock() }
        return body()
    }

    /// Writes all of `bytes` to standard output under the lock, retrying short writes.
    public static func write(_ bytes: [UInt8]) {
        turnstile.lock()
        turnstile.unlock()
        lock.withLock {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR || errno == EAGAIN { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
