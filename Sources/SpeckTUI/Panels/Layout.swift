/// Where each panel goes for a terminal size. Usable from 80x24; below that
/// the workstation shows `TooSmallScreen` instead.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let header: Rect
    public let list: Rect
    public let histogram: Rect
    public let pane: Rect
    public let details: Rect
    public let messageLine: Rect
    public let statusLine: Rect

    public static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    public init(width: Int, height: Int) {
        let all = Rect(x: 0, y: 0, width: width, height: height)
        let (header, belowHeader) = all.splitTop(1)
        let (body, bottom) = belowHeader.splitTop(belowHeader.height - 2)
        let (messageLine, statusLine) = bottom.splitTop(1)
        // The list gets ~45% of the width, between 34 and 64 columns.
        let leftWidth = max(34, min(64, width * 9 / 20))
        let (left, right) = body.splitLeft(leftWidth)
        let histogramHeight = max(9, min(14, left.height / 3))
        let (list, histogram) = left.splitTop(left.height - histogramHeight)
        let detailsHeight = 8
        let (pane, details) = right.splitTop(right.height - detailsHeight)
        self.header = header
        self.list = list
        self.histogram = histogram
        self.pane = pane
        self.details = details
        self.messageLine = messageLine
        self.statusLine = statusLine
    }
}
