import Foundation

/// The size of one terminal cell in device pixels: pictures are sent at
/// (columns x width) by (rows x height) pixels so that the terminal shows
/// them without scaling.
public struct CellPixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Used when the terminal reports no pixel size: the classic 8x16 font cell.
    public static let fallback = CellPixelSize(width: 8, height: 16)

    /// From the kernel's window size (TIOCGWINSZ on `descriptor`), when the
    /// terminal fills in the pixel fields (many leave them 0).
    public static func fromWindowSize(descriptor: Int32 = STDOUT_FILENO) -> CellPixelSize? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0,
              size.ws_xpixel > 0, size.ws_ypixel > 0 else { return nil }
        return plausible(width: Int(size.ws_xpixel) / Int(size.ws_col), height: Int(size.ws_ypixel) / Int(size.ws_row))
    }

    /// Nil for sizes no real font has (a broken report must not make 1x1 or 500x500 cells).
    static func plausible(width: Int, height: Int) -> CellPixelSize? {
        guard (2...64).contains(width), (4...128).contains(height) else { return nil }
        return CellPixelSize(width: width, height: height)
    }
}
