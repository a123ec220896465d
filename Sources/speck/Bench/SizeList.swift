/// A benchmark option listing sizes, comma-separated ("100,400,800").
enum SizeList {
    static func parse(_ text: String) -> [Int] {
        text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
