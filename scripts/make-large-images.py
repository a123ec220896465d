#!/usr/bin/env python3
"""Builds two large-image test sets in the MVTec layout from Speck's own
sample-images (MIT, synthetic; no licensed image is used), for trying tiling
(--tile, --tile-overlap) and --fit on images far from 256x256:

    OUT/strips  500x1250 strips: 2 x 5 plates, each cut to its centre 250x250
    OUT/big     2048x2048 images: 8 x 8 plates at their own 256 px

A test image of kind "defect" has one defective plate, its mask placed to
match; the other plates are defect-free. Standard library only (the sample
images are 8-bit grey PNGs).

Usage: scripts/make-large-images.py [OUT]   (default /tmp/speck-large)
"""
import glob, os, struct, sys, zlib

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(HERE, "sample-images")


def read_grey_png(path):
    """Rows of an 8-bit grey, non-interlaced PNG (what make-samples writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path + ": not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 0, 0), path + ": expected 8-bit grey, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, rows, previous = zlib.decompress(idat), [], bytearray(width)
    for y in range(height):
        kind, line = raw[y * (width + 1)], bytearray(raw[y * (width + 1) + 1:(y + 1) * (width + 1)])
        for x in range(width):
            left = line[x - 1] if x else 0
            up, corner = previous[x], previous[x - 1] if x else 0
            if kind == 1: line[x] = (line[x] + left) & 255
            elif kind == 2: line[x] = (line[x] + up) & 255
            elif kind == 3: line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    return rows


def write_grey_png(path, rows):
    width, height = len(rows[0]), len(rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def grid(columns, side, panels):
    """Panels (rows of pixels) cut to their centre side x side, laid out row by row."""
    cut = []
    for rows in panels:
        top, left = (len(rows) - side) // 2, (len(rows[0]) - side) // 2
        cut.append([row[left:left + side] for row in rows[top:top + side]])
    out = []
    for r in range(len(cut) // columns):
        for y in range(side):
            out.append(b"".join(bytes(cut[r * columns + c][y]) for c in range(columns)))
    return out


def make(out, name, columns, rows, side, trains, goods):
    n = columns * rows
    load = {}
    def panel(path):
        if path not in load: load[path] = read_grey_png(path)
        return load[path]
    train = sorted(glob.glob(os.path.join(SAMPLES, "train/good/*.png")))
    good = sorted(glob.glob(os.path.join(SAMPLES, "test/good/*.png")))
    kinds = ["scratch", "stain", "dent", "missing_hole"]
    black = [bytearray(256) for _ in range(256)]
    root = os.path.join(out, name)
    for folder in ["train/good", "test/good", "test/defect", "ground_truth/defect"]:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    for i in range(trains):
        write_grey_png(os.path.join(root, "train/good/%03d.png" % i),
                       grid(columns, side, [panel(train[(i * n + k * 7) % len(train)]) for k in range(n)]))
    for i in range(goods):
        write_grey_png(os.path.join(root, "test/good/%03d.png" % i),
                       grid(columns, side, [panel(good[(i * 5 + k) % len(good)]) for k in range(n)]))
    for i, kind in enumerate(kinds):
        at = (i * 2 * n // 5 + 3) % n
        image = [panel(os.path.join(SAMPLES, "test/%s/000.png" % kind)) if k == at else panel(good[(i * 3 + k) % len(good)])
                 for k in range(n)]
        mask = [panel(os.path.join(SAMPLES, "ground_truth/%s/000_mask.png" % kind)) if k == at else black for k in range(n)]
        write_grey_png(os.path.join(root, "test/defect/%03d.png" % i), grid(columns, side, image))
        write_grey_png(os.path.join(root, "ground_truth/defect/%03d_mask.png" % i), grid(columns, side, mask))
    print("%s: %d train, %d good and %d defect test images of %dx%d" % (root, trains, goods, len(kinds), columns * side, rows * side))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/speck-large"
    make(out, "strips", 2, 5, 250, 6, 4)
    make(out, "big", 8, 8, 256, 4, 2)
