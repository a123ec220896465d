import Foundation
import SpeckTensor

/// The buffers of one forward pass: four activation buffers and one im2col
/// buffer. They grow when a larger input arrives and are otherwise reused.
final class Scratch: @unchecked Sendable {
    private(set) var buffers: [FloatBuffer] = []
    private(set) var columns = FloatBuffer(count: 0)
    private var elements = 0

    func ensure(_ needs: ScratchNeeds) {
        if needs.elements > elements {
            buffers = (0..<4).map { _ in FloatBuffer(count: needs.elements) }
            elements = needs.elements
        }
        if needs.columns > columns.count { columns = FloatBuffer(count: needs.columns) }
    }
}

/// Scratch shared by the threads that use one backbone: each forward pass
/// borrows a `Scratch` and returns it, so two threads never share buffers.
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Scratch] = []

    func withScratch<T>(_ body: (Scratch) throws -> T) rethrows -> T {
        let scratch = lock.withLock { idle.popLast() } ?? Scratch()
        defer { lock.withLock { idle.append(scratch) } }
        return try body(scratch)
    }
}
