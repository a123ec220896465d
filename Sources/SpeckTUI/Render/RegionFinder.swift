import SpeckDetectors

/// Finds where an anomaly map is hot: its maximum, and its connected regions
/// at or above a threshold (8-connected, so a diagonal crack stays one region).
public enum RegionFinder {
    /// The map cell with the highest value (the first one on ties), or nil for an empty map.
    public static func hottest(in map: AnomalyMap) -> (x: Int, y: Int, value: Float)? {
        guard var best = map.values.indices.first else { return nil }
        for i in map.values.indices where map.values[i] > map.values[best] { best = i }
        return (best % map.width, best / map.width, map.values[best])
    }

    /// Regions largest first; equal sizes keep reading order (top to bottom, left to right).
    public static func regions(in map: AnomalyMap, atOrAbove threshold: Float) -> [MapRegion] {
        let w = map.width, h = map.height
        var seen = [Bool](repeating: false, count: w * h)
        var regions: [MapRegion] = []
        for start in 0..<w * h where !seen[start] && map.values[start] >= threshold {
            seen[start] = true
            var region = MapRegion(cells: 0, minX: start % w, maxX: start % w, minY: start / w, maxY: start / w)
            var stack = [start]
            while let cell = stack.popLast() {
                let x = cell % w, y = cell / w
                region.cells += 1
                region.minX = min(region.minX, x); region.maxX = max(region.maxX, x)
                region.minY = min(region.minY, y); region.maxY = max(region.maxY, y)
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) {
                        let next = ny * w + nx
                        if !seen[next] && map.values[next] >= threshold {
                            seen[next] = true
                            stack.append(next)
                        }
                    }
                }
            }
            regions.append(region)
        }
        // A stable sort keeps the scan's reading order among equal sizes.
        return regions.enumerated().sorted { ($0.element.cells, -$0.offset) > ($1.element.cells, -$1.offset) }.map(\.element)
    }
}
