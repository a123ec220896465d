/// The TOML shape of a theme file:
///
///     name = "dark"
///     heatmap = "inferno"          # a built-in map, or:
///     heatmap_stops = ["#000004", "#fcffa4"]
///     [colors]
///     background = "#1a1b26"
///     ...
struct ThemeFile: Decodable {
    struct Colors: Decodable {
        var background: String
        var foreground: String
        var muted: String
        var accent: String
        var border: String
        var selection_background: String
        var selection_foreground: String
        var normal: String
        var anomalous: String
        var warning: String
        var contour_predicted: String
        var contour_truth: String
    }

    var name: String
    var heatmap: String?
    var heatmap_stops: [String]?
    var colors: Colors
}
