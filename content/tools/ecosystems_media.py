#!/usr/bin/env python3
"""Writes the SVG diagrams of the "Photosynthesis and energy in ecosystems" course.

Usage:  python3 content/tools/ecosystems_media.py [output folder]
        (default: content/ecosystems/media next to this tools/ folder)

Deterministic: no randomness, no clock, no third-party modules; running it twice gives byte-identical files.
Every picture has a viewBox (it scales to any width), is drawn on a white rounded background, uses only
plain shapes and text (no fonts need to be embedded; the viewer's sans-serif is used) and is kept under
6 KB (the script refuses to write a bigger one). Files written:

  leaf.svg                  cross-section of a leaf: layers, stoma, vein, and the gases and light in and out
  chloroplast.svg           a palisade cell full of chloroplasts, and one chloroplast enlarged
  food-chain.svg            Sun -> grass -> rabbit -> fox, with the feeding levels named
  food-web.svg              a small woodland-edge food web (8 organisms), used by the food-web questions
  energy-pyramid.svg        pyramid of energy, 10 000 kJ -> 10 kJ, with the 90 % lost at each step
  carbon-cycle.svg          the carbon cycle: air, plants, animals, decomposers, fossil fuels
  poster-photosynthesis.svg poster frame of the video "How a leaf makes food"
  poster-energy.svg         poster frame of the video "Energy along a food chain"

The videos themselves (and their captions) are made by make_videos.mjs in this folder.
"""
import os
import sys

LIMIT = 6 * 1024
GREEN, DARK, LEAF, SUN, BLUE, GREY, RED = "#2e7d32", "#1b3a2a", "#a5d6a7", "#f9a825", "#1565c0", "#616161", "#c62828"


def svg(w, h, body, extra_style=""):
    """A whole picture: viewBox, white rounded background, shared styles and the arrow-head marker."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'font-family="sans-serif" font-size="13" fill="{DARK}">\n'
        "<defs><style>"
        ".l{stroke:#555;stroke-width:1}.a{stroke-width:2.5;fill:none}.t{font-weight:bold}"
        ".s{font-size:11px}.c{text-anchor:middle}" + extra_style +
        "</style>"
        '<marker id="h" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="context-stroke"/></marker></defs>\n'
        f'<rect x="1" y="1" width="{w - 2}" height="{h - 2}" rx="16" fill="#fff" stroke="#ccc"/>\n'
        + body + "</svg>\n"
    )


def arrow(x1, y1, x2, y2, colour, width=2.5, dash=False):
    d = ' stroke-dasharray="5 4"' if dash else ""
    return (f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="{width}"'
            f'{d} marker-end="url(#h)"/>\n')


def text(x, y, s, cls="", colour=None, anchor=None):
    c = f' class="{cls}"' if cls else ""
    f = f' fill="{colour}"' if colour else ""
    a = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x}" y="{y}"{c}{f}{a}>{s}</text>\n'


def label(x, y, tx, ty, s, anchor="start"):
    """A leader line from a point on the drawing to a label."""
    return f'<line class="l" x1="{x}" y1="{y}" x2="{tx}" y2="{ty}"/>\n' + text(
        tx + (4 if anchor == "start" else -4), ty + 4, s, anchor=None if anchor == "start" else anchor)


def leaf():
    b = text(240, 24, "Inside a leaf (cross-section)", "t c")
    # upper epidermis: flat clear cells under a waxy cuticle (attributes shared through <g> to stay small)
    b += '<rect x="40" y="62" width="300" height="4" fill="#fff59d"/>\n'
    b += '<g fill="#f1f8e9" stroke="#7cb342">' + "".join(
        f'<rect x="{40 + 30 * i}" y="66" width="30" height="14"/>' for i in range(10)) + "\n"
    # lower epidermis, with a gap for the stoma
    b += "".join(f'<rect x="{40 + 30 * i}" y="200" width="30" height="14"/>' for i in range(10) if i != 6) + "</g>\n"
    # palisade: tall cells packed with chloroplasts
    b += f'<g fill="{LEAF}" stroke="{GREEN}">' + "".join(
        f'<rect x="{41 + 25 * i}" y="82" width="23" height="54" rx="6"/>' for i in range(12)) + "</g>\n"
    # chloroplasts as round-capped zero-length strokes: one short path instead of 60 circles
    b += f'<path stroke="{GREEN}" stroke-width="7" stroke-linecap="round" d="' + "".join(
        f"M{47 + 25 * i + 10 * (j % 2)} {90 + 9 * j}h0" for i in range(12) for j in range(5)) + '"/>\n'
    # spongy layer: round cells with air spaces between them
    spongy = [(58, 150), (95, 160), (135, 148), (205, 162), (245, 150), (282, 164), (318, 150), (75, 180), (120, 182),
              (262, 186), (305, 184)]
    b += '<g fill="#c8e6c9" stroke="#2e7d32">' + "".join(f'<circle cx="{x}" cy="{y}" r="14"/>' for x, y in spongy) + "</g>"
    b += f'<path stroke="{GREEN}" stroke-width="6" stroke-linecap="round" d="' + "".join(
        f"M{x - 4} {y}h0" for x, y in spongy) + '"/>\n'
    # a vein: xylem (water) and phloem (sugar)
    b += '<circle cx="172" cy="172" r="20" fill="#e3f2fd" stroke="#1565c0"/>'
    b += '<circle cx="166" cy="168" r="6" fill="#90caf9"/><circle cx="178" cy="178" r="5" fill="#ffe0b2"/>\n'
    # the stoma's two guard cells
    b += f'<g fill="{LEAF}" stroke="{GREEN}"><ellipse cx="213" cy="207" rx="8" ry="7"/><ellipse cx="237" cy="207" rx="8" ry="7"/></g>\n'
    # light, gases, water
    b += "".join(arrow(80 + 70 * i, 32, 95 + 70 * i, 58, SUN, 3) for i in range(4))
    b += text(345, 46, "light", "t", SUN)
    b += arrow(196, 284, 216, 218, BLUE) + text(206, 302, "carbon dioxide in", "t", BLUE, "end")
    b += arrow(234, 218, 262, 284, RED) + text(250, 302, "oxygen out", "t", RED)
    b += arrow(172, 240, 172, 196, "#0277bd", 2, True) + text(60, 258, "water arrives in the vein", "s", "#0277bd")
    # labels
    b += label(340, 73, 360, 72, "upper epidermis (clear)")
    b += label(325, 110, 360, 104, "palisade layer:")
    b += text(364, 118, "most chloroplasts", "s")
    b += label(325, 166, 360, 150, "spongy layer and")
    b += text(364, 164, "air spaces", "s")
    b += label(190, 178, 360, 186, "vein (xylem, phloem)")
    b += label(236, 214, 360, 222, "stoma with its")
    b += text(364, 236, "two guard cells", "s")
    return svg(540, 320, b)


def chloroplast():
    b = text(280, 24, "Where photosynthesis happens", "t c")
    # a palisade cell
    b += f'<rect x="30" y="44" width="140" height="250" rx="18" fill="#f1f8e9" stroke="{GREEN}" stroke-width="4"/>\n'
    b += '<rect x="54" y="90" width="92" height="150" rx="14" fill="#e1f5fe" stroke="#81d4fa"/>\n'
    b += '<circle cx="100" cy="262" r="16" fill="#d1c4e9" stroke="#7e57c2"/>\n'
    b += f'<g fill="{GREEN}">' + "".join(f'<ellipse cx="{x}" cy="{y}" rx="10" ry="6"/>' for x, y in [
        (46, 64), (76, 58), (112, 60), (146, 70), (42, 110), (158, 112), (44, 160), (158, 160), (44, 210), (158, 208),
        (52, 276), (150, 270)]) + "</g>\n"
    b += label(156, 70, 190, 60, "chloroplasts") + label(168, 290, 190, 300, "cell wall (cellulose)")
    b += label(140, 150, 190, 150, "vacuole (cell sap)") + label(112, 262, 190, 262, "nucleus")
    # one chloroplast enlarged
    b += f'<ellipse cx="445" cy="100" rx="100" ry="54" fill="#c5e1a5" stroke="{GREEN}" stroke-width="3"/>\n'
    b += f'<g fill="{GREEN}">' + "".join(f'<rect x="{gx}" y="{78 + 8 * k}" width="26" height="6" rx="3"/>'
                                        for gx in (374, 416, 458, 500) for k in range(5)) + "</g>\n"
    b += '<line class="l" x1="280" y1="60" x2="345" y2="96" stroke-dasharray="4 3"/>\n'
    b += text(445, 174, "one chloroplast, enlarged:", "c") + text(445, 190, "green discs hold chlorophyll", "c")
    # chlorophyll absorbs red and blue, reflects green
    b += arrow(350, 224, 396, 256, RED) + arrow(372, 224, 418, 256, BLUE) + arrow(440, 262, 490, 226, "#43a047")
    b += text(330, 216, "red and blue light absorbed", "s") + text(380, 282, "green light reflected:", "s")
    b += text(380, 296, "that is why leaves look green", "s")
    return svg(560, 320, b)


def rabbit(x, y):
    return (f'<ellipse cx="{x}" cy="{y}" rx="26" ry="18" fill="#bcaaa4"/><circle cx="{x + 24}" cy="{y - 12}" r="11" fill="#bcaaa4"/>'
            f'<ellipse cx="{x + 22}" cy="{y - 34}" rx="4" ry="14" fill="#bcaaa4"/><ellipse cx="{x + 31}" cy="{y - 32}" rx="4" ry="13" fill="#bcaaa4"/>'
            f'<circle cx="{x + 28}" cy="{y - 14}" r="2" fill="#333"/><circle cx="{x - 26}" cy="{y - 4}" r="6" fill="#fff" stroke="#bcaaa4"/>\n')


def fox(x, y):
    return (f'<ellipse cx="{x}" cy="{y}" rx="30" ry="16" fill="#ef6c00"/><path d="M{x + 22},{y - 8}l22,-6l-4,-18l-8,10l-10,-8z" fill="#ef6c00"/>'
            f'<path d="M{x - 28},{y - 2}q-30,-4 -34,-22q16,6 30,10z" fill="#ef6c00"/><circle cx="{x + 34}" cy="{y - 12}" r="2" fill="#333"/>'
            f'<rect x="{x - 20}" y="{y + 10}" width="5" height="16" fill="#ef6c00"/><rect x="{x + 14}" y="{y + 10}" width="5" height="16" fill="#ef6c00"/>\n')


def grass(x, y):
    return "".join(f'<path d="M{x + 8 * i},{y}q{4 - 2 * (i % 3)},-30 {6 - 12 * (i % 2)},-{38 + 6 * (i % 3)}" stroke="{GREEN}" stroke-width="4" fill="none"/>'
                   for i in range(7)) + "\n"


def food_chain():
    b = text(300, 26, "A food chain", "t c")
    b += f'<circle cx="60" cy="110" r="28" fill="{SUN}"/>' + text(60, 160, "Sun", "c")
    b += grass(165, 132) + rabbit(330, 118) + fox(505, 118)
    b += arrow(96, 110, 150, 110, SUN) + arrow(230, 110, 286, 110, GREEN) + arrow(372, 110, 432, 110, "#8d6e63")
    for x, name, role in [(190, "grass", "producer"), (330, "rabbit", "primary consumer"), (505, "fox", "secondary consumer")]:
        b += text(x, 160, name, "t c") + text(x, 178, role, "c")
    b += text(300, 218, "Each arrow points from the food to the eater:", "c")
    b += text(300, 236, "it shows the direction the energy flows.", "t c")
    return svg(600, 260, b)


def food_web():
    nodes = {"grass": (90, 250), "oak tree": (420, 250), "rabbit": (60, 160), "grasshopper": (200, 160),
             "mouse": (350, 160), "frog": (230, 70), "fox": (110, 70), "owl": (380, 70)}
    edges = [("grass", "rabbit"), ("grass", "grasshopper"), ("oak tree", "mouse"), ("grasshopper", "mouse"),
             ("grasshopper", "frog"), ("rabbit", "fox"), ("mouse", "fox"), ("mouse", "owl"), ("frog", "owl")]
    b = text(240, 26, "A food web at the edge of a wood", "t c")
    for a, c in edges:
        (x1, y1), (x2, y2) = nodes[a], nodes[c]
        # start and stop the arrow just outside the two boxes (half-size 44 x 13)
        dx, dy = x2 - x1, y2 - y1
        t = min(48 / abs(dx) if dx else 1, 17 / abs(dy) if dy else 1)
        b += arrow(round(x1 + dx * t), round(y1 + dy * t), round(x2 - dx * t), round(y2 - dy * t), "#6d4c41", 2)
    for n, (x, y) in nodes.items():
        fill = LEAF if n in ("grass", "oak tree") else "#ffe0b2"
        b += f'<rect x="{x - 44}" y="{y - 13}" width="88" height="26" rx="13" fill="{fill}" stroke="#8d6e63"/>'
        b += text(x, y + 5, n, "c")
    b += "\n" + text(240, 300, "Arrows show the direction energy flows (from food to eater).", "s c")
    return svg(480, 316, b)


def pyramid():
    b = text(280, 26, "Pyramid of energy (per year, in one field)", "t c")
    rows = [("tertiary consumers: hawk", "10 kJ", 30), ("secondary consumers: stoats", "100 kJ", 70),
            ("primary consumers: rabbits", "1 000 kJ", 150), ("producers: grass", "10 000 kJ", 290)]
    y = 50
    for i, (name, e, w) in enumerate(rows):
        colours = ["#ffcc80", "#ffb74d", "#fff59d", LEAF]
        b += f'<rect x="{260 - w // 2}" y="{y}" width="{w}" height="44" fill="{colours[i]}" stroke="{DARK}"/>'
        b += text(260, y + 27, e, "t c") if w >= 70 else text(260 + w // 2 + 6, y + 27, e, "t")
        b += text(420, y + 20, name.split(":")[0], "s") + text(420, y + 34, name.split(":")[1].strip(), "s")
        if i < 3:  # the energy that does not reach the level above
            b += arrow(260 - w // 2 - 4, y + 50, 200 - 25 * i, y + 36, RED, 2, True)
        y += 50
    b += text(20, 56, "About 90 % of the", "s", RED) + text(20, 70, "energy at each level", "s", RED)
    b += text(20, 84, "is lost: heat from", "s", RED) + text(20, 98, "respiration, waste,", "s", RED)
    b += text(20, 112, "parts not eaten.", "s", RED)
    b += text(280, 268, "Only about 10 % is passed up to the next level.", "c")
    return svg(560, 284, b)


def carbon_cycle():
    box = {"air": (300, 60, "carbon dioxide in the air"), "plants": (110, 170, "plants"), "animals": (300, 280, "animals"),
           "dec": (490, 280, "decomposers"), "fossil": (490, 170, "fossil fuels")}
    b = text(300, 24, "The carbon cycle", "t c")
    for k, (x, y, s) in box.items():
        w = 200 if k == "air" else 120
        fill = {"air": "#e3f2fd", "plants": LEAF, "animals": "#ffe0b2", "dec": "#d7ccc8", "fossil": "#cfd8dc"}[k]
        b += f'<rect x="{x - w // 2}" y="{y - 16}" width="{w}" height="32" rx="10" fill="{fill}" stroke="#78909c"/>'
        b += text(x, y + 5, s, "t c")
    b += "\n"
    b += arrow(200, 62, 110, 148, GREEN) + text(40, 100, "photosynthesis", "s", GREEN)
    b += arrow(140, 150, 220, 80, RED) + text(190, 140, "respiration", "s", RED)
    b += arrow(140, 190, 250, 262, "#6d4c41") + text(120, 240, "eating (feeding)", "s", "#6d4c41")
    b += arrow(300, 262, 300, 80, RED) + text(306, 130, "respiration", "s", RED)
    b += arrow(360, 290, 428, 290, "#6d4c41") + text(350, 312, "death and waste", "s", "#6d4c41")
    b += arrow(170, 180, 432, 266, "#6d4c41", 2, True) + text(330, 222, "dead leaves", "s", "#6d4c41")
    b += arrow(480, 262, 370, 78, RED) + text(458, 224, "respiration", "s", RED)
    b += arrow(530, 262, 530, 188, GREY, 2, True) + text(536, 232, "millions", "s", GREY) + text(536, 244, "of years", "s", GREY)
    b += arrow(470, 152, 390, 80, "#e65100") + text(440, 104, "combustion", "s", "#e65100")
    return svg(600, 320, b)


def poster(title, subtitle, drawing):
    b = f'<rect x="8" y="8" width="624" height="344" rx="12" fill="#f1f8e9"/>\n' + drawing  # pale panel on the white card
    b += text(320, 60, title, "t c", None).replace('class="t c"', 'class="t c" font-size="30"')
    b += text(320, 92, subtitle, "c").replace('class="c"', 'class="c" font-size="18"')
    b += '<circle cx="320" cy="300" r="26" fill="#2e7d32" opacity="0.85"/><path d="M311,286v28l24,-14z" fill="#fff"/>\n'
    return svg(640, 360, b)


def posters():
    leafdraw = (f'<circle cx="120" cy="170" r="34" fill="{SUN}"/>'
                + "".join(arrow(160 + 10 * i, 160 + 14 * i, 250 + 10 * i, 190 + 14 * i, SUN, 3) for i in range(3))
                + f'<path d="M290,250q80,-130 230,-70q-90,130 -230,70z" fill="{LEAF}" stroke="{GREEN}" stroke-width="3"/>'
                + f'<path d="M290,250q110,-40 200,-60" stroke="{GREEN}" stroke-width="2" fill="none"/>\n')
    chaindraw = (f'<circle cx="80" cy="190" r="26" fill="{SUN}"/>' + grass(150, 215) + rabbit(330, 200) + fox(535, 200)
                 + arrow(112, 190, 140, 190, SUN) + arrow(212, 190, 284, 190, GREEN) + arrow(372, 190, 460, 190, "#8d6e63")
                 + text(248, 176, "10 %", "t c") + text(416, 176, "10 %", "t c"))
    return (poster("How a leaf makes food", "Photosynthesis in about a minute", leafdraw),
            poster("Energy along a food chain", "Why only about 10 % passes on", chaindraw))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "ecosystems", "media")
    os.makedirs(out, exist_ok=True)
    p1, p2 = posters()
    files = {"leaf.svg": leaf(), "chloroplast.svg": chloroplast(), "food-chain.svg": food_chain(),
             "food-web.svg": food_web(), "energy-pyramid.svg": pyramid(), "carbon-cycle.svg": carbon_cycle(),
             "poster-photosynthesis.svg": p1, "poster-energy.svg": p2}
    too_big = [f"{n} is {len(c.encode())} bytes" for n, c in files.items() if len(c.encode()) >= LIMIT]
    if too_big:
        sys.exit("over the 6 KB limit: " + "; ".join(too_big))
    for name, content in files.items():
        data = content.encode("utf-8")
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"{name:28} {len(data):5} bytes")


if __name__ == "__main__":
    main()
