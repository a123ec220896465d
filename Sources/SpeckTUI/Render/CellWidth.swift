import CNCursesW

/// Keeps the grid aligned: anything that is not exactly one cell wide
/// (control characters, wide CJK, combining marks) is replaced by "?".
enum CellWidth {
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x20 || scalar.value == 0x7f { return "?" }
        if scalar.isASCII { return scalar }
        return speck_wcwidth(scalar.value) == 1 ? scalar : "?"
    }
}
