#!/usr/bin/env python3
"""Draw the pictures of the Fractions course (content/fractions/media/*.svg).

Usage:  python3 content/tools/fractions_media.py [OUTPUT_DIR]
        (OUTPUT_DIR defaults to content/fractions/media next to this script's parent folder)

Every picture is plain SVG text built here from a few drawing helpers: fraction bars, circles ("pizzas") cut
into equal or unequal slices, number lines, counters, a hundred square and a fraction wall. The output is
deterministic (no randomness, no timestamps, fixed number formatting), so running the script again gives
byte-identical files and a clean diff.

Design rules, so the pictures work in the app:
  * each file has a viewBox and no fixed pixel size, so it scales to the space it is shown in;
  * each is drawn on a white rounded rectangle, with dark outlines and strong fill colours, so it is
    readable on light and dark themes alike;
  * each has a <title> (the course's `alt` text says more where the picture is used);
  * each stays under 4 KB (the script checks and stops if one does not).

The course JSON refers to these files by name; if you rename one here, rename it there too.
"""

import math
import os
import sys

INK = "#1f2937"       # outlines and text
FILL = "#f59e0b"      # shaded part (amber)
FILL2 = "#3b82f6"     # a second shaded colour (blue), for "add this part"
EMPTY = "#ffffff"     # unshaded part
PAPER = "#ffffff"     # background card
EDGE = "#94a3b8"      # background card edge
MAX_BYTES = 4096


def num(x):
    """A coordinate with at most 2 decimals and no trailing zeros, for small and stable files."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def svg(width, height, title, body):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img">'
        f"<title>{title}</title>"
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" rx="14" fill="{PAPER}" '
        f'stroke="{EDGE}" stroke-width="2"/>'
        f'<g stroke="{INK}" stroke-width="2" stroke-linejoin="round" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="18">'
        + "".join(body)
        + "</g></svg>\n"
    )


def text(x, y, s, size=None, anchor="middle"):
    fs = f' font-size="{size}"' if size else ""
    return f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" fill="{INK}" stroke="none"{fs}>{s}</text>'


def wedge(cx, cy, r, a0, a1, fill):
    """A slice of a circle from angle a0 to a1 (degrees, clockwise from 12 o'clock)."""
    if a1 - a0 >= 359.999:
        return f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="{fill}"/>'
    def pt(a):
        t = math.radians(a)
        return num(cx + r * math.sin(t)), num(cy - r * math.cos(t))
    x0, y0 = pt(a0)
    x1, y1 = pt(a1)
    large = 1 if a1 - a0 > 180 else 0
    return (f'<path d="M{num(cx)} {num(cy)}L{x0} {y0}A{num(r)} {num(r)} 0 {large} 1 {x1} {y1}Z" '
            f'fill="{fill}"/>')


def circle_parts(cx, cy, r, angles, shaded, colours=None):
    """A circle cut at the given slice sizes (degrees, summing to 360); `shaded` lists slice indexes."""
    out, a = [], 0.0
    for i, size in enumerate(angles):
        fill = (colours or {}).get(i, FILL) if i in shaded else EMPTY
        out.append(wedge(cx, cy, r, a, a + size, fill))
        a += size
    return out


def equal_circle(cx, cy, r, n, shaded_count):
    return circle_parts(cx, cy, r, [360 / n] * n, set(range(shaded_count)))


def bar(x, y, w, h, n, shaded, colours=None, label=None):
    """A bar cut into n equal parts; `shaded` is a count (the first ones) or a set of indexes."""
    if isinstance(shaded, int):
        shaded = set(range(shaded))
    out, pw = [], w / n
    for i in range(n):
        fill = (colours or {}).get(i, FILL) if i in shaded else EMPTY
        out.append(f'<rect x="{num(x + i * pw)}" y="{num(y)}" width="{num(pw)}" height="{num(h)}" fill="{fill}"/>')
    if label:
        out.append(text(x - 12, y + h / 2 + 6, label, anchor="end"))
    return out


def number_line(x0, x1, y, units, parts, point=None, labels=None, ticks_labelled=False):
    """A number line from 0 to `units`, each unit cut into `parts` spaces; optional point (in spaces)."""
    out = [f'<line x1="{num(x0)}" y1="{y}" x2="{num(x1)}" y2="{y}"/>']
    total = units * parts
    step = (x1 - x0) / total
    for i in range(total + 1):
        x = x0 + i * step
        whole = i % parts == 0
        half = 14 if whole else 9
        out.append(f'<line x1="{num(x)}" y1="{y - half}" x2="{num(x)}" y2="{y + half}"/>')
        if whole:
            out.append(text(x, y + 38, str(i // parts), size=20))
    if labels:
        for i, s in labels.items():
            out.append(text(x0 + i * step, y + 38, s, size=16))
    if point is not None:
        px = x0 + point * step
        out.append(f'<circle cx="{num(px)}" cy="{y}" r="7" fill="{FILL}"/>')
        out.append(f'<path d="M{num(px)} {y - 14}l-7 -14h14z" fill="{FILL2}" stroke="none"/>')
    return out


def counters(x, y, cols, rows, shaded, r=14, gap=38):
    out = []
    for k in range(cols * rows):
        cx, cy = x + (k % cols) * gap, y + (k // cols) * gap
        fill = FILL if k < shaded else EMPTY
        out.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{r}" fill="{fill}"/>')
    return out


def grid(x, y, size, cols, rows, shaded):
    """A cols x rows grid, the first `shaded` cells (row by row) shaded, drawn as rectangles + lines."""
    cw, ch = size / cols, size / rows
    out = []
    full_rows, rest = divmod(shaded, cols)
    if full_rows:
        out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(size)}" height="{num(full_rows * ch)}" '
                   f'fill="{FILL}" stroke="none"/>')
    if rest:
        out.append(f'<rect x="{num(x)}" y="{num(y + full_rows * ch)}" width="{num(rest * cw)}" '
                   f'height="{num(ch)}" fill="{FILL}" stroke="none"/>')
    lines = "".join(f"M{num(x + i * cw)} {num(y)}v{num(size)}" for i in range(1, cols))
    lines += "".join(f"M{num(x)} {num(y + j * ch)}h{num(size)}" for j in range(1, rows))
    out.append(f'<path d="{lines}" stroke-width="1"/>')
    out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(size)}" height="{num(size)}" fill="none"/>')
    return out


# ---- the pictures -------------------------------------------------------------------------------------------

def pictures():
    p = {}

    p["pizza-4-slices-1-shaded.svg"] = svg(
        200, 200, "A pizza cut into 4 equal slices, 1 slice shaded", equal_circle(100, 100, 80, 4, 1))

    p["circle-unequal-4.svg"] = svg(
        200, 200, "A circle cut into 4 parts of different sizes, the smallest part shaded",
        circle_parts(100, 100, 80, [40, 140, 70, 110], {0}))

    body = [text(90, 34, "A")] + bar(20, 50, 140, 70, 3, {0})
    body += [text(290, 34, "B")]
    # B: three unequal parts, the first (largest) shaded
    body += [f'<rect x="220" y="50" width="80" height="70" fill="{FILL}"/>',
             f'<rect x="300" y="50" width="40" height="70" fill="{EMPTY}"/>',
             f'<rect x="340" y="50" width="20" height="70" fill="{EMPTY}"/>']
    p["rectangles-equal-unequal.svg"] = svg(
        380, 140, "Rectangle A cut into 3 equal parts, rectangle B cut into 3 unequal parts; one part of each shaded",
        body)

    p["bar-3-of-5.svg"] = svg(340, 100, "A bar cut into 5 equal parts, 3 parts shaded", bar(20, 20, 300, 60, 5, 3))

    p["pizza-8-slices-5-shaded.svg"] = svg(
        200, 200, "A pizza cut into 8 equal slices, 5 slices shaded", equal_circle(100, 100, 80, 8, 5))

    choc = []
    for k in range(12):
        cx, cy = 20 + (k % 4) * 70, 20 + (k // 4) * 50
        if k < 5:  # eaten: an empty dashed outline where the piece was
            choc.append(f'<rect x="{cx + 3}" y="{cy + 3}" width="64" height="44" rx="4" fill="{EMPTY}" '
                        f'stroke-dasharray="6 4"/>')
        else:
            choc.append(f'<rect x="{cx}" y="{cy}" width="70" height="50" rx="4" fill="#8b5a2b"/>')
    p["chocolate-12-pieces-5-eaten.svg"] = svg(
        320, 190, "A chocolate bar of 12 equal pieces in 3 rows of 4; 5 pieces have been eaten and are shown as "
        "empty dashed outlines, 7 pieces are left", choc)

    p["counters-12-with-4-shaded.svg"] = svg(
        250, 140, "12 counters in 2 rows of 6; 4 counters are shaded", counters(30, 40, 6, 2, 4, gap=38))

    p["counters-10-with-6-shaded.svg"] = svg(
        230, 120, "10 counters in 2 rows of 5; 6 counters are shaded", counters(35, 38, 5, 2, 6, gap=40))

    p["number-line-quarters-point.svg"] = svg(
        360, 110, "A number line from 0 to 1 cut into 4 equal spaces, with a point on the third mark after 0",
        number_line(30, 330, 45, 1, 4, point=3))

    p["number-line-fifths-point.svg"] = svg(
        360, 110, "A number line from 0 to 1 cut into 5 equal spaces, with a point on the second mark after 0",
        number_line(30, 330, 45, 1, 5, point=2))

    p["number-line-0-2-thirds-point.svg"] = svg(
        400, 110, "A number line from 0 to 2, each whole cut into 3 equal spaces, with a point on the second "
        "mark after 1", number_line(30, 370, 45, 2, 3, point=5))

    wall = []
    for row, n in enumerate([2, 4, 8]):
        wall += bar(70, 15 + row * 45, 280, 36, n, n // 2)
        wall.append(text(55, 15 + row * 45 + 25, ["halves", "quarters", "eighths"][row], size=13, anchor="end"))
    p["bars-half-quarters-eighths.svg"] = svg(
        370, 160, "Three bars of the same length: 1 of 2 halves, 2 of 4 quarters and 4 of 8 eighths shaded; "
        "the shaded parts are the same length", wall)

    th = bar(70, 20, 270, 40, 3, 2) + [text(55, 46, "thirds", size=13, anchor="end")]
    th += bar(70, 75, 270, 40, 6, 4) + [text(55, 101, "sixths", size=13, anchor="end")]
    p["bars-thirds-sixths.svg"] = svg(
        360, 135, "Two bars of the same length: 2 of 3 thirds shaded, and 4 of 6 sixths shaded; the shaded "
        "parts are the same length", th)

    cmp_ = bar(60, 20, 280, 40, 3, 2) + [text(45, 47, "A", anchor="end")]
    cmp_ += bar(60, 75, 280, 40, 4, 3) + [text(45, 102, "B", anchor="end")]
    p["bars-two-thirds-three-quarters.svg"] = svg(
        360, 135, "Bar A: 2 of 3 equal parts shaded. Bar B, the same length: 3 of 4 equal parts shaded. "
        "B's shaded part is a little longer", cmp_)

    pz = equal_circle(70, 75, 55, 4, 4) + equal_circle(195, 75, 55, 4, 4) + equal_circle(320, 75, 55, 4, 3)
    p["pizzas-2-and-3-quarters.svg"] = svg(
        390, 150, "Three pizzas cut into quarters: two whole pizzas and a third pizza with 3 of its 4 "
        "quarters left", pz)

    p["hundred-square-35.svg"] = svg(
        220, 220, "A square cut into 100 small equal squares, 35 of them shaded (3 full rows of 10 and 5 more)",
        grid(20, 20, 180, 10, 10, 35))

    p["bar-tenths-7.svg"] = svg(340, 100, "A bar cut into 10 equal parts, 7 parts shaded",
                                bar(20, 20, 300, 60, 10, 7))

    fw = []
    for row, n in enumerate([1, 2, 3, 4, 6, 8]):
        y = 12 + row * 34
        fw += bar(20, y, 330, 30, n, {0})
        fw.append(text(20 + 330 / n / 2, y + 21, "1" if n == 1 else f"1/{n}", size=14))
    p["fraction-wall.svg"] = svg(
        370, 220, "A fraction wall: rows of equal length showing one whole, then halves, thirds, quarters, "
        "sixths and eighths, with one part of each row shaded; the more parts, the smaller each part", fw)

    add = bar(20, 20, 320, 60, 8, {0, 1, 2, 3, 4}, colours={3: FILL2, 4: FILL2})
    p["bar-eighths-3-plus-2.svg"] = svg(
        360, 100, "A bar cut into 8 equal parts: 3 parts shaded orange, then 2 more parts shaded blue", add)

    hq = bar(80, 20, 280, 40, 2, 1) + [text(65, 46, "1/2", anchor="end")]
    hq += bar(80, 75, 280, 40, 4, {2}, colours={2: FILL2}) + [text(65, 101, "1/4", anchor="end")]
    hq += bar(80, 130, 280, 40, 4, {0, 1, 2}, colours={2: FILL2}) + [text(65, 156, "total", size=15, anchor="end")]
    p["bars-half-plus-quarter.svg"] = svg(
        380, 190, "Three bars of the same length: one half shaded; one quarter shaded; and below them the two "
        "together, which is 3 of 4 quarters", hq)

    return p


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "fractions", "media")
    os.makedirs(out_dir, exist_ok=True)
    for name, content in sorted(pictures().items()):
        data = content.encode("utf-8")
        if len(data) >= MAX_BYTES:
            sys.exit(f"{name} is {len(data)} bytes; pictures must stay under {MAX_BYTES}")
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        print(f"{len(data):5d}  {name}")


if __name__ == "__main__":
    main()
