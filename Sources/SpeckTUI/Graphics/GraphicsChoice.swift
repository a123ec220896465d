/// The graphics protocol in use and why, shown in the help overlay
/// ("graphics: kitty (detected)").
public struct GraphicsChoice: Sendable, Equatable {
    public var graphics: GraphicsProtocol
    /// "detected", "--graphics", "config", "tmux", ...
    public var reason: String
    /// The terminal's cell size in pixels when a query answered it (CSI 16 t).
    public var reportedCell: CellPixelSize?

    public init(_ graphics: GraphicsProtocol, reason: String, reportedCell: CellPixelSize? = nil) {
        self.graphics = graphics
        self.reason = reason
        self.reportedCell = reportedCell
    }

    public static let halfBlocks = GraphicsChoice(.blocks, reason: "default")

    public var summary: String { "graphics: \(graphics.rawValue) (\(reason))" }
}
