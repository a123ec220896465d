import Foundation
import SpeckDetectors

/// Hash of a file's contents (`Checksum64`, hex): tells a real change from a
/// touched file whose size or modification time moved.
enum ContentHash {
    static func of(fileAt path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var checksum = Checksum64()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        // Only whole buffers go in before the end, so chunking never changes the hash.
        var filled = 0
        while true {
            let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 { if errno == EINTR { continue }; return nil }
            filled += n
            if n == 0 || filled == buffer.count {
                checksum.update(UnsafeRawBufferPointer(rebasing: buffer[0 ..< filled]))
                if n == 0 { break }
                filled = 0
            }
        }
        return String(checksum.value, radix: 16)
    }
}
