import SpeckImaging

/// iTerm2 inline images (iTerm2, WezTerm, mintty): `ESC ] 1337 ; File=... : <base64 PNG> BEL`,
/// stretched to exactly `columns` x `rows` cells (preserveAspectRatio=0: the
/// picture already has the pane's shape). The PNG comes from SpeckImaging's writer.
public enum ITermEncoder {
    public static func place(_ grid: PixelGrid, columns: Int, rows: Int) throws -> [UInt8] {
        let png = try ImageIO.encodePNG(image(of: grid))
        var out = Array("\u{1b}]1337;File=inline=1;size=\(png.count);width=\(columns);height=\(rows);preserveAspectRatio=0:".utf8)
        out += Base64.encode(png)
        out.append(0x07)
        return out
    }

    /// The grid as a planar 3-channel image in [0, 1] (byte / 255 is exact back through the PNG writer's rounding).
    static func image(of grid: PixelGrid) -> Image {
        let plane = grid.width * grid.height
        var pixels = [Float](repeating: 0, count: plane * 3)
        for (i, pixel) in grid.pixels.enumerated() {
            pixels[i] = Float(pixel.r) / 255
            pixels[plane + i] = Float(pixel.g) / 255
            pixels[2 * plane + i] = Float(pixel.b) / 255
        }
        return Image(width: grid.width, height: grid.height, channels: 3, pixels: pixels)
    }
}
