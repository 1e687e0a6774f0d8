#!/usr/bin/env python3
"""Draws Pathwise's app icons into shell/icons/ (run by hand when the design changes; the PNGs are committed).

The design: the app's accent colour (#1F6F8B, client/app/theme.cpp) as a full square, and on it a path of three
stops climbing from bottom left to top right (a learning path), in white. "Maskable" icons keep everything
inside the central 80 % circle, as https://www.w3.org/TR/appmanifest/#icon-masks asks, so a launcher may cut
any shape. Pure Python (zlib) so that nothing needs installing; 4x4 supersampling smooths the edges.

Usage: python3 cmake/make_icons.py [shell/icons]
"""
import math
import struct
import sys
import zlib
from pathlib import Path

ACCENT = (0x1F, 0x6F, 0x8B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4

# In units of the icon's side (0..1), inside the maskable safe zone (a circle of radius 0.4 around the centre).
STOPS = [(0.31, 0.67), (0.50, 0.46), (0.69, 0.33)]
STOP_RADIUS = 0.075
LINE_HALF_WIDTH = 0.028


def distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def covered(x, y):
    if any(math.hypot(x - sx, y - sy) <= STOP_RADIUS for sx, sy in STOPS):
        return True
    return any(distance_to_segment(x, y, *STOPS[i], *STOPS[i + 1]) <= LINE_HALF_WIDTH for i in range(len(STOPS) - 1))


def draw(size):
    rows = []
    for row in range(size):
        line = bytearray([0])  # PNG filter: none
        for column in range(size):
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    hits += covered((column + (sx + 0.5) / SAMPLES) / size, (row + (sy + 0.5) / SAMPLES) / size)
            share = hits / (SAMPLES * SAMPLES)
            line += bytes(round(a + (b - a) * share) for a, b in zip(ACCENT, WHITE))
        rows.append(bytes(line))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "shell/icons")
    folder.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (folder / f"icon-{size}.png").write_bytes(png(size, draw(size)))
    (folder / "apple-touch-icon.png").write_bytes(png(180, draw(180)))
    print(f"make_icons: icon-192.png, icon-512.png, apple-touch-icon.png in {folder}")


if __name__ == "__main__":
    main()
