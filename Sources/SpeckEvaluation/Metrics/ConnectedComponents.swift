/// Labels the 8-connected regions of a binary mask (as scipy's `label` with a
/// 3x3 structure, used by the MVTec AD evaluation). Returns a label per pixel
/// (-1 outside every region, else 0..<count) and each region's size.
public struct ConnectedComponents: Sendable {
    public let labels: [Int32]
    public let sizes: [Int]
    public var count: Int { sizes.count }

    public init(mask: [Bool], width: Int, height: Int) {
        precondition(mask.count == width * height, "mask size does not match")
        var labels = [Int32](repeating: -1, count: mask.count)
        var sizes: [Int] = []
        var stack: [Int] = []
        for start in 0 ..< mask.count where mask[start] && labels[start] < 0 {
            let label = Int32(sizes.count)
            var size = 0
            labels[start] = label
            stack.append(start)
            while let index = stack.popLast() {
                size += 1
                let x = index % width, y = index / width
                for dy in -1 ... 1 {
                    let ny = y + dy
                    guard ny >= 0, ny < height else { continue }
                    for dx in -1 ... 1 {
                        let nx = x + dx
                        guard nx >= 0, nx < width else { continue }
                        let neighbour = ny * width + nx
                        if mask[neighbour] && labels[neighbour] < 0 {
                            labels[neighbour] = label
                            stack.append(neighbour)
                        }
                    }
                }
            }
            sizes.append(size)
        }
        self.labels = labels
        self.sizes = sizes
    }
}
