extension Rect {
    /// A picture's size in device pixels when it covers these cells.
    func pixelSize(cell: CellPixelSize) -> (width: Int, height: Int) { (width * cell.width, height * cell.height) }
}
