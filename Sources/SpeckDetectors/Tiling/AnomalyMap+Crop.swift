extension AnomalyMap {
    /// The part of the map inside `rect`.
    func cropped(to rect: TileLayout.Rect) -> AnomalyMap {
        var values: [Float] = []
        values.reserveCapacity(rect.width * rect.height)
        for y in rect.y..<(rect.y + rect.height) {
            values += self.values[(y * width + rect.x)..<(y * width + rect.x + rect.width)]
        }
        return AnomalyMap(width: rect.width, height: rect.height, values: values)
    }
}
