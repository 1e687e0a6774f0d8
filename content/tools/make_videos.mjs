// Makes the two explainer videos of the "Photosynthesis and energy in ecosystems" course, with their captions.
//
//   node content/tools/make_videos.mjs            record both videos, then check them
//   node content/tools/make_videos.mjs --check    only check the files already there
//   node content/tools/make_videos.mjs --fix-duration   only (re)write the Duration of the files already there
//   node content/tools/make_videos.mjs --frames /tmp/frames   also save a PNG of each video at each caption start
//
// There is no ffmpeg here, so the videos are drawn on a <canvas> in headless Chromium (driven by playwright-core
// from tests/node_modules, Chromium at /usr/bin/chromium or $PATHWISE_CHROMIUM) and recorded in real time with
// canvas.captureStream() + MediaRecorder (WebM, VP8, 640x360, 12 frames per second, a 64 kbit/s ceiling; these
// mostly still diagrams come out near 36 kbit/s, about 300 KB for 70 s). Recording takes as long as the video.
// Each animation is a pure function of the time since recording started, so the pictures land at the same second
// on every run (the encoded bytes differ slightly from run to run, as real-time encoding does).
//
// The check (run after recording, or alone with --check) loads each file in a <video> in Chromium with its
// captions as a <track>, and fails unless: the file is at most 700 KB, 640x360, its duration is within 1 s of the
// one below, it plays (currentTime advances), Chromium parses every caption cue, and the frame decoded after
// seeking to each cue is not blank.
//
// MediaRecorder writes "live" WebM without a duration; this script adds the Segment Info Duration element
// (computed from the last frame's timestamp), so players show the length and can seek. The course bundle also
// states each video's duration.
//
// Written next to the bundle, in content/ecosystems/media/:
//   photosynthesis.webm + photosynthesis.vtt   "How a leaf makes food" (66 s)
//   energy-flow.webm    + energy-flow.vtt      "Energy along a food chain" (73 s)
// The poster pictures (poster-*.svg) come from ecosystems_media.py.
//
// The captions below are the narration of a silent video: each cue starts when its part of the picture appears.
// If you move a scene, move its cue, and the checkpoint times in course.json.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(HERE, '../../tests/package.json'));
const { chromium } = require('playwright-core');
const OUT = path.resolve(HERE, '../ecosystems/media');
const CHROMIUM = process.env.PATHWISE_CHROMIUM || '/usr/bin/chromium';
const MAX_BYTES = 700 * 1024;
const SETTINGS = { width: 640, height: 360, fps: 12, bitrate: 64000 };

const VIDEOS = [
  {
    name: 'photosynthesis', duration: 66,
    cues: [
      [0, 'How a leaf makes food: photosynthesis in about a minute.'],
      [5, 'What does a plant need? First, light energy from the Sun.'],
      [8.5, 'Carbon dioxide from the air goes into the leaves.'],
      [11, 'Water from the soil travels up through the roots and the stem.'],
      [13.5, 'The plant also takes in small amounts of minerals, such as nitrates, from the soil. Minerals are not its food.'],
      [16, 'Photosynthesis as a word equation. Carbon dioxide and water go in…'],
      [19, '…light energy is absorbed by chlorophyll…'],
      [21, '…and glucose and oxygen come out.'],
      [23.5, 'With symbols: 6CO₂ + 6H₂O → C₆H₁₂O₆ + 6O₂'],
      [25, 'Carbon dioxide and water are the reactants. Glucose and oxygen are the products.'],
      [27, 'Where does it happen? Inside the leaf. Light passes through the clear upper layer.'],
      [29.5, 'The palisade cells near the top of the leaf are packed with chloroplasts.'],
      [31.5, 'Tiny pores underneath, the stomata, let carbon dioxide in and oxygen out.'],
      [34, 'Chlorophyll, the green substance in the chloroplasts, absorbs the light.'],
      [36.5, 'Water arrives through the veins, in the xylem.'],
      [39, 'What is the glucose used for? Respiration: releasing energy for the plant\'s cells.'],
      [41.5, 'Starch: glucose stored for later.'],
      [43.5, 'Cellulose: to build new cell walls.'],
      [45.5, 'Proteins: made with nitrates from the soil.'],
      [47, 'So a plant\'s mass is built mostly from carbon dioxide from the air, not from the soil.'],
      [50, 'What limits the rate? As the light gets brighter, photosynthesis speeds up…'],
      [54.5, '…until more light makes no difference: something else is now limiting the rate.'],
      [56.5, 'The limiting factors are light, carbon dioxide and temperature.'],
      [60, 'Summary: plants make glucose from carbon dioxide and water, using light, in their chloroplasts, and give off oxygen.'],
    ],
  },
  {
    name: 'energy-flow', duration: 73,
    cues: [
      [0, 'Energy along a food chain: why only about 10 % passes on.'],
      [5, 'A food chain starts with the Sun, and grass that captures its light energy.'],
      [8.5, 'A rabbit eats the grass, and a fox eats the rabbit.'],
      [11.5, 'Each arrow means "is eaten by". It points from the food to the eater: the way the energy flows.'],
      [14.5, 'The grass is the producer. The rabbit is the primary consumer, the fox the secondary consumer.'],
      [17, 'Where does the energy go? Say the grass captures 10 000 kJ.'],
      [22, 'The rabbits get only about 1 000 kJ of it: about 10 %.'],
      [24.5, 'The rest is lost: as heat from respiration and movement, and in droppings, urine and parts that are not eaten.'],
      [28, 'It happens again at the next step: the fox gets about 100 kJ, 10 % of the rabbits\' 1 000 kJ.'],
      [33, 'Working it out: 10 000 kJ × 10 ÷ 100 = 1 000 kJ for the rabbits.'],
      [37, '1 000 kJ × 10 ÷ 100 = 100 kJ for the fox.'],
      [40, 'Efficiency = energy passed on ÷ energy taken in × 100.'],
      [42.5, 'For the fox: 100 ÷ 1 000 × 100 = 10 %.'],
      [44, 'From grass to fox: 10 % of 10 % is 1 %, not 20 %.'],
      [46, 'A pyramid of energy: producers at the bottom, then primary, secondary and tertiary consumers.'],
      [53, 'Every level is smaller than the one below, because energy is lost at each step.'],
      [55, 'That is why food chains rarely have more than four or five links.'],
      [57, 'Energy flows one way through an ecosystem: in as light, out as heat.'],
      [61, 'Energy is not recycled.'],
      [63.5, 'But matter, such as carbon and nitrogen, is recycled, thanks to decomposers.'],
      [67, 'Summary: producers capture light energy; about 10 % passes to each next level; the rest is lost, mostly as heat. Energy flows, matter cycles.'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The page side: drawing and recording. Runs inside Chromium (added as a script, then called by name).
export const PAGE_JS = String.raw`
const W = 640, H = 360;
const FONT = '"DejaVu Sans", "Noto Sans", sans-serif';
const GREEN = '#2e7d32', DARK = '#1b3a2a', LEAF = '#a5d6a7', SUN = '#f9a825', BLUE = '#1565c0', RED = '#c62828',
  BROWN = '#6d4c41';
let ctx;

const clamp = (x) => Math.max(0, Math.min(1, x));
const fade = (t, t0, d = 0.6) => clamp((t - t0) / d);
function bg(c = '#ffffff') { ctx.globalAlpha = 1; ctx.fillStyle = c; ctx.fillRect(0, 0, W, H); }
function txt(s, x, y, o = {}) {
  const { size = 18, color = DARK, align = 'left', bold = false, alpha = 1 } = o;
  if (alpha <= 0) return;
  ctx.globalAlpha = alpha; ctx.fillStyle = color; ctx.textAlign = align; ctx.textBaseline = 'alphabetic';
  ctx.font = (bold ? 'bold ' : '') + size + 'px ' + FONT; ctx.fillText(s, x, y); ctx.globalAlpha = 1;
}
function heading(s) {
  ctx.fillStyle = GREEN; ctx.fillRect(0, 0, W, 44); txt(s, 20, 30, { size: 22, color: '#fff', bold: true });
}
function line(x1, y1, x2, y2, color, w = 3, dash = null, offset = 0) {
  ctx.strokeStyle = color; ctx.lineWidth = w; ctx.setLineDash(dash || []); ctx.lineDashOffset = offset;
  ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke(); ctx.setLineDash([]);
}
// An arrow grown to the fraction p of its length (p animates it).
function arrow(x1, y1, x2, y2, color, w = 3, p = 1, alpha = 1, dash = null, offset = 0) {
  if (p <= 0 || alpha <= 0) return;
  const ex = x1 + (x2 - x1) * p, ey = y1 + (y2 - y1) * p, a = Math.atan2(ey - y1, ex - x1), hl = 6 + 2.5 * w;
  ctx.globalAlpha = alpha;
  line(x1, y1, ex - Math.cos(a) * hl * 0.6, ey - Math.sin(a) * hl * 0.6, color, w, dash, offset);
  ctx.fillStyle = color; ctx.beginPath(); ctx.moveTo(ex, ey);
  ctx.lineTo(ex - hl * Math.cos(a - 0.45), ey - hl * Math.sin(a - 0.45));
  ctx.lineTo(ex - hl * Math.cos(a + 0.45), ey - hl * Math.sin(a + 0.45)); ctx.closePath(); ctx.fill();
  ctx.globalAlpha = 1;
}
function circle(x, y, r, fill, stroke, alpha = 1) {
  ctx.globalAlpha = alpha; ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
  if (fill) { ctx.fillStyle = fill; ctx.fill(); }
  if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = 2; ctx.stroke(); }
  ctx.globalAlpha = 1;
}
function ellipse(x, y, rx, ry, fill, stroke, rot = 0) {
  ctx.beginPath(); ctx.ellipse(x, y, rx, ry, rot, 0, 2 * Math.PI);
  if (fill) { ctx.fillStyle = fill; ctx.fill(); }
  if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = 2; ctx.stroke(); }
}
function box(x, y, w, h, fill, stroke, alpha = 1, r = 10) {
  ctx.globalAlpha = alpha; ctx.beginPath(); ctx.roundRect(x, y, w, h, r);
  ctx.fillStyle = fill; ctx.fill(); if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = 2; ctx.stroke(); }
  ctx.globalAlpha = 1;
}
function sun(x, y, r, t, alpha = 1) {
  ctx.globalAlpha = alpha;
  for (let i = 0; i < 12; i++) {
    const a = i * Math.PI / 6 + t * 0.3;
    line(x + Math.cos(a) * (r + 5), y + Math.sin(a) * (r + 5), x + Math.cos(a) * (r + 14), y + Math.sin(a) * (r + 14), SUN, 3);
  }
  ctx.globalAlpha = alpha; circle(x, y, r, SUN, null, alpha);
}
function leafShape(x, y, len, angle, alpha = 1) {
  ctx.save(); ctx.globalAlpha = alpha; ctx.translate(x, y); ctx.rotate(angle);
  ctx.beginPath(); ctx.moveTo(0, 0); ctx.quadraticCurveTo(len * 0.5, -len * 0.45, len, 0);
  ctx.quadraticCurveTo(len * 0.5, len * 0.45, 0, 0); ctx.fillStyle = LEAF; ctx.fill();
  ctx.strokeStyle = GREEN; ctx.lineWidth = 2.5; ctx.stroke(); line(0, 0, len * 0.9, 0, GREEN, 1.5);
  ctx.restore(); ctx.globalAlpha = 1;
}
function grass(x, y, s = 1, alpha = 1) {
  ctx.globalAlpha = alpha;
  for (let i = 0; i < 7; i++) {
    ctx.strokeStyle = GREEN; ctx.lineWidth = 4 * s; ctx.beginPath(); ctx.moveTo(x + (i * 8 - 24) * s, y);
    ctx.quadraticCurveTo(x + (i * 8 - 22 + (i % 3) * 2) * s, y - 30 * s, x + (i * 8 - 24 + (i % 2 ? -6 : 6)) * s, y - (40 + 6 * (i % 3)) * s);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
function rabbit(x, y, s = 1, alpha = 1) {
  ctx.save(); ctx.globalAlpha = alpha; ctx.translate(x, y); ctx.scale(s, s);
  const c = '#bcaaa4';
  ellipse(0, 0, 30, 20, c); circle(27, -14, 12, c, null, alpha); ctx.globalAlpha = alpha; ellipse(24, -38, 5, 15, c); ellipse(34, -36, 5, 14, c);
  circle(31, -16, 2.2, '#333', null, alpha); circle(-30, -4, 7, '#fff', c, alpha);
  ctx.restore(); ctx.globalAlpha = 1;
}
function fox(x, y, s = 1, alpha = 1) {
  ctx.save(); ctx.globalAlpha = alpha; ctx.translate(x, y); ctx.scale(s, s);
  const c = '#ef6c00';
  ellipse(0, 0, 34, 17, c); ctx.fillStyle = c;
  ctx.beginPath(); ctx.moveTo(24, -8); ctx.lineTo(50, -14); ctx.lineTo(45, -34); ctx.lineTo(36, -22); ctx.lineTo(26, -30); ctx.closePath(); ctx.fill();
  ctx.beginPath(); ctx.moveTo(-32, -2); ctx.quadraticCurveTo(-66, -6, -70, -26); ctx.quadraticCurveTo(-52, -18, -30, -10); ctx.closePath(); ctx.fill();
  ctx.fillRect(-22, 10, 6, 18); ctx.fillRect(16, 10, 6, 18); circle(40, -16, 2.2, '#333', null, alpha);
  ctx.restore(); ctx.globalAlpha = 1;
}
function bullets(t, t0, items, step = 1.2, y0 = 100, gap = 52) {
  items.forEach((s, i) => txt(s, 40, y0 + i * gap, { size: 18, alpha: fade(t, t0 + i * step) }));
}
function titleCard(title, sub, t, draw) {
  bg('#f1f8e9'); const a = fade(t, 0.2, 1);
  txt(title, W / 2, 80, { size: 32, bold: true, align: 'center', alpha: a });
  txt(sub, W / 2, 116, { size: 19, align: 'center', alpha: fade(t, 1, 1) });
  draw(t, fade(t, 1.5, 1.5));
}
// Dots moving along a straight path: n of them, speed in path lengths per second, phase from t only.
function stream(t, x1, y1, x2, y2, n, speed, color, r = 5, label = null) {
  for (let i = 0; i < n; i++) {
    const p = (t * speed + i / n) % 1, x = x1 + (x2 - x1) * p, y = y1 + (y2 - y1) * p;
    circle(x, y, r, color, null, Math.min(1, 4 * p, 4 * (1 - p)));
    if (label) txt(label, x + r + 2, y + 4, { size: 11, color, alpha: Math.min(1, 4 * p, 4 * (1 - p)) });
  }
}

// ---- Video 1: How a leaf makes food ---------------------------------------------------------------------------
function v1(t) {
  if (t < 5) return titleCard('How a leaf makes food', 'Photosynthesis in about a minute', t, (t, a) => {
    sun(170, 240, 36, t, a);
    for (let i = 0; i < 3; i++) arrow(220, 215 + 18 * i, 330, 235 + 18 * i, SUN, 3, a, a, [10, 8], -t * 30);
    leafShape(350, 250, 200, -0.25, a);
  });
  if (t < 16) {                                                   // what a plant needs
    bg(); heading('What does a plant need?');
    ctx.fillStyle = '#d7ccc8'; ctx.fillRect(0, 280, W, 80);
    for (const [dx, dy] of [[-40, 50], [30, 60], [-10, 70], [50, 30], [-60, 25]]) line(320, 282, 320 + dx, 282 + dy, BROWN, 3);
    line(320, 282, 320, 130, GREEN, 8);
    leafShape(320, 230, 90, Math.PI + 0.35); leafShape(320, 200, 95, -0.35); leafShape(320, 160, 80, Math.PI + 0.5);
    leafShape(320, 135, 60, -1.2);
    sun(70, 95, 30, t);
    if (t >= 6) {
      const a = fade(t, 6);
      for (let i = 0; i < 3; i++) arrow(105, 110 + 14 * i, 240, 185 + 14 * i, SUN, 3, 1, a, [10, 8], -t * 40);
      txt('light energy', 40, 180, { size: 18, color: '#e65100', bold: true, alpha: a });
    }
    if (t >= 8.5) {
      const a = fade(t, 8.5);
      txt('carbon dioxide (CO₂)', 420, 80, { size: 17, color: BLUE, bold: true, alpha: a });
      txt('from the air', 420, 100, { size: 16, color: BLUE, alpha: a });
      if (a > 0.5) stream(t, 560, 120, 390, 195, 3, 0.35, BLUE, 5, 'CO₂');
    }
    if (t >= 11) {
      const a = fade(t, 11);
      txt('water (H₂O) from the soil', 30, 310, { size: 17, color: BLUE, bold: true, alpha: a });
      if (a > 0.5) stream(t, 320, 335, 320, 170, 4, 0.3, '#29b6f6', 5);
    }
    if (t >= 13.5) txt('+ small amounts of minerals (not food!)', 30, 336, { size: 14, color: BROWN, alpha: fade(t, 13.5) });
    return;
  }
  if (t < 27) {                                                   // the equation
    bg(); heading('Photosynthesis: the word equation');
    txt('carbon dioxide + water', 30, 150, { size: 20, bold: true, alpha: fade(t, 16.5) });
    if (t >= 19) {
      arrow(308, 143, 392, 143, DARK, 3, fade(t, 19, 0.8));
      txt('light', 350, 125, { size: 16, color: '#e65100', bold: true, align: 'center', alpha: fade(t, 19.3) });
      txt('chlorophyll', 350, 172, { size: 15, color: GREEN, bold: true, align: 'center', alpha: fade(t, 19.6) });
    }
    txt('glucose + oxygen', 405, 150, { size: 20, bold: true, alpha: fade(t, 21) });
    if (t >= 23.5) {
      box(60, 205, 520, 56, '#f1f8e9', GREEN, fade(t, 23.5));
      txt('6CO₂ + 6H₂O  →  C₆H₁₂O₆ + 6O₂', W / 2, 243, { size: 26, bold: true, align: 'center', alpha: fade(t, 23.5) });
    }
    txt('reactants (go in)', 150, 300, { size: 17, color: BLUE, align: 'center', alpha: fade(t, 25) });
    txt('products (come out)', 490, 300, { size: 17, color: RED, align: 'center', alpha: fade(t, 25) });
    return;
  }
  if (t < 39) {                                                   // inside the leaf
    bg(); heading('Where does it happen? Inside the leaf');
    for (let i = 0; i < 12; i++) { box(30 + 30 * i, 84, 30, 16, '#f1f8e9', '#7cb342', 1, 2); }
    const pulse = t >= 29.5 ? 1 + 0.35 * Math.max(0, Math.sin((t - 29.5) * 5)) * (t < 32 ? 1 : 0) : 1;
    for (let i = 0; i < 12; i++) {
      box(31 + 30 * i, 102, 28, 64, LEAF, GREEN, 1, 7);
      for (let j = 0; j < 5; j++) circle(39 + 30 * i + 11 * (j % 2), 112 + 11 * j, 4 * pulse, GREEN);
    }
    for (const [x, y] of [[50, 186], [95, 196], [140, 184], [205, 198], [250, 186], [300, 200], [345, 186], [70, 222], [118, 224], [230, 226], [330, 222]]) {
      circle(x, y, 16, '#c8e6c9', GREEN); circle(x - 5, y, 3.5, GREEN);
    }
    circle(170, 212, 20, '#e3f2fd', BLUE);
    for (let i = 0; i < 12; i++) if (i !== 7) box(30 + 30 * i, 244, 30, 16, '#f1f8e9', '#7cb342', 1, 2);
    const open = t >= 31.5 ? 4 : 0;
    ellipse(250 - open, 252, 9, 8, LEAF, GREEN); ellipse(270 + open, 252, 9, 8, LEAF, GREEN);
    if (t >= 27.5) for (let i = 0; i < 5; i++) arrow(55 + 70 * i, 50, 70 + 70 * i, 80, SUN, 3, 1, fade(t, 27.5), [8, 6], -t * 30);
    if (t >= 29.5) {
      txt('Palisade cells are packed', 402, 80, { size: 15, bold: true, alpha: fade(t, 29.5) });
      txt('with chloroplasts', 402, 100, { size: 15, bold: true, alpha: fade(t, 29.5) });
    }
    if (t >= 31.5) {
      const a = fade(t, 31.5);
      arrow(235, 335, 252, 262, BLUE, 3, a); txt('CO₂ in', 225, 350, { size: 15, color: BLUE, bold: true, align: 'end', alpha: a });
      arrow(268, 262, 292, 330, RED, 3, a); txt('O₂ out', 298, 350, { size: 15, color: RED, bold: true, alpha: a });
      txt('Stomata (pores) let CO₂ in', 402, 300, { size: 15, bold: true, alpha: a });
      txt('and O₂ out', 402, 320, { size: 15, bold: true, alpha: a });
    }
    if (t >= 34) {
      const a = fade(t, 34);
      ctx.globalAlpha = a; line(355, 112, 440, 150, '#777', 1.5, [4, 3]);
      ellipse(525, 170, 90, 44, '#c5e1a5', GREEN);
      for (let g = 0; g < 4; g++) for (let k = 0; k < 4; k++) box(463 + 32 * g, 152 + 9 * k, 24, 6, GREEN, null, a, 3);
      txt('Chlorophyll in chloroplasts', 402, 240, { size: 15, bold: true, color: GREEN, alpha: a });
      txt('absorbs the light energy', 402, 260, { size: 15, bold: true, color: GREEN, alpha: a });
    }
    if (t >= 36.5) {
      const a = fade(t, 36.5);
      circle(170, 212, 20, '#90caf9', BLUE, a);
      txt('water arrives in', 30, 290, { size: 15, color: BLUE, bold: true, alpha: a });
      txt('the veins (xylem)', 30, 308, { size: 15, color: BLUE, bold: true, alpha: a });
    }
    return;
  }
  if (t < 50) {                                                   // uses of glucose
    bg(); heading('What is the glucose used for?');
    ctx.beginPath();
    for (let i = 0; i < 6; i++) ctx.lineTo(320 + 46 * Math.cos(i * Math.PI / 3), 180 + 46 * Math.sin(i * Math.PI / 3));
    ctx.closePath(); ctx.fillStyle = '#fff59d'; ctx.fill(); ctx.strokeStyle = SUN; ctx.lineWidth = 3; ctx.stroke();
    txt('glucose', 320, 186, { size: 18, bold: true, align: 'center' });
    const uses = [[39.5, 30, 70, 'respiration:', 'releases energy', 272, 160],
      [41.5, 420, 70, 'starch:', 'stored for later', 368, 160],
      [43.5, 30, 240, 'cellulose:', 'builds cell walls', 272, 200],
      [45.5, 420, 240, 'proteins: made with', 'nitrates from the soil', 368, 200]];
    for (const [t0, x, y, a, b, ax, ay] of uses) {
      if (t < t0) continue;
      const al = fade(t, t0);
      arrow(ax, ay, x < 320 ? x + 190 : x, y + 28, GREEN, 3, fade(t, t0, 0.8));
      box(x, y, 190, 56, '#f1f8e9', GREEN, al);
      txt(a, x + 95, y + 24, { size: 16, bold: true, align: 'center', alpha: al });
      txt(b, x + 95, y + 45, { size: 15, align: 'center', alpha: al });
    }
    if (t >= 47) {
      const a = fade(t, 47);
      box(20, 310, 600, 42, '#ffe0b2', '#e65100', a);
      txt('A plant\'s mass comes mostly from CO₂ in the air, not from the soil!', 320, 337, { size: 15, bold: true, align: 'center', alpha: a });
    }
    return;
  }
  if (t < 60) {                                                   // limiting factors
    bg(); heading('What limits the rate of photosynthesis?');
    line(80, 300, 380, 300, DARK, 2); line(80, 300, 80, 70, DARK, 2);
    txt('light intensity →', 230, 325, { size: 15, align: 'center' });
    ctx.save(); ctx.translate(58, 185); ctx.rotate(-Math.PI / 2); txt('rate of photosynthesis →', 0, 0, { size: 15, align: 'center' }); ctx.restore();
    const p = fade(t, 50.5, 3.5);
    ctx.strokeStyle = GREEN; ctx.lineWidth = 4; ctx.beginPath();
    for (let x = 0; x <= 290 * p; x += 2) ctx.lineTo(80 + x, 300 - 190 * (1 - Math.exp(-x / 60)));
    ctx.stroke();
    if (t >= 52.5) txt('light limits the rate here', 92, 280, { size: 13, color: GREEN, alpha: fade(t, 52.5) });
    if (t >= 54.5) {
      const a = fade(t, 54.5);
      ctx.globalAlpha = a; line(80, 110, 380, 110, RED, 2, [6, 5]);
      txt('More light makes no', 400, 100, { size: 16, bold: true, color: RED, alpha: a });
      txt('difference here: another', 400, 120, { size: 16, bold: true, color: RED, alpha: a });
      txt('factor is limiting', 400, 140, { size: 16, bold: true, color: RED, alpha: a });
    }
    if (t >= 56.5) {
      const a = fade(t, 56.5);
      txt('Limiting factors:', 400, 200, { size: 17, bold: true, alpha: a });
      ['• light', '• carbon dioxide', '• temperature'].forEach((s, i) => txt(s, 410, 228 + 26 * i, { size: 17, alpha: fade(t, 56.8 + 0.6 * i) }));
    }
    return;
  }
  bg(); heading('Summary');                                       // summary
  bullets(t, 60.3, ['• Plants make glucose from CO₂ and water, using light.',
    '• It happens in chloroplasts, mostly in palisade cells.',
    '• Oxygen is given off as a by-product.',
    '• Light, CO₂ and temperature can limit the rate.']);
}

// ---- Video 2: Energy along a food chain -----------------------------------------------------------------------
function v2(t) {
  if (t < 5) return titleCard('Energy along a food chain', 'Why only about 10 % passes on', t, (t, a) => {
    sun(90, 240, 28, t, a); grass(200, 265, 1, a); rabbit(350, 250, 1, a); fox(520, 250, 1, a);
    arrow(128, 240, 160, 240, SUN, 3, 1, a); arrow(236, 240, 300, 240, GREEN, 3, 1, a); arrow(392, 240, 456, 240, BROWN, 3, 1, a);
    txt('10 %', 268, 225, { size: 16, bold: true, align: 'center', alpha: a }); txt('10 %', 424, 225, { size: 16, bold: true, align: 'center', alpha: a });
  });
  if (t < 17) {                                                   // a food chain
    bg(); heading('A food chain');
    sun(70, 170, 30, t, fade(t, 5.5)); grass(200, 200, 1.1, fade(t, 7)); rabbit(350, 190, 1.1, fade(t, 8.5)); fox(545, 190, 1.1, fade(t, 10));
    [['Sun', 70, 5.5], ['grass', 200, 7], ['rabbit', 350, 8.5], ['fox', 545, 10]].forEach(([s, x, t0]) =>
      txt(s, x, 240, { size: 18, bold: true, align: 'center', alpha: fade(t, t0) }));
    if (t >= 11.5) {
      arrow(112, 170, 160, 170, SUN, 4, fade(t, 11.5, 0.8)); arrow(240, 170, 298, 170, GREEN, 4, fade(t, 11.9, 0.8));
      arrow(395, 170, 455, 170, BROWN, 4, fade(t, 12.3, 0.8));
    }
    txt('An arrow means "is eaten by": it points from the food to the eater.', 320, 300, { size: 15, align: 'center', alpha: fade(t, 13) });
    txt('It shows the direction the energy flows.', 320, 324, { size: 16, bold: true, align: 'center', alpha: fade(t, 13) });
    [['producer', 200], ['primary consumer', 350], ['secondary consumer', 545]].forEach(([s, x]) =>
      txt(s, x, 262, { size: 14, color: GREEN, bold: true, align: 'center', alpha: fade(t, 14.5) }));
    return;
  }
  if (t < 33) {                                                   // where the energy goes
    bg(); heading('Where does the energy go?');
    grass(100, 215, 1); rabbit(320, 205, 0.9); fox(545, 205, 0.9);
    txt('grass', 100, 245, { size: 15, align: 'center' }); txt('rabbits', 320, 245, { size: 15, align: 'center' }); txt('fox', 545, 245, { size: 15, align: 'center' });
    txt('10 000 kJ', 100, 130, { size: 20, bold: true, align: 'center', alpha: fade(t, 17.5) });
    const flow = (t0, x1, x2, n) => {                             // 1 dot in 10 goes on, the others leave as heat or waste
      if (t < t0) return;
      for (let i = 0; i < n; i++) {
        const p = ((t - t0) * 0.45 + i / n) % 1, on = i % 10 === 0, mid = (x1 + x2) / 2;
        if (on) { circle(x1 + (x2 - x1) * p, 190, 6, SUN, '#e65100'); continue; }
        if (p < 0.5) { circle(x1 + (x2 - x1) * p, 190, 4, SUN, null, 0.8); continue; }
        const q = (p - 0.5) * 2, up = i % 3 !== 0;
        circle(mid + 10 * Math.sin(q * 12 + i), 190 + (up ? -1 : 1) * q * 90, 4, up ? RED : BROWN, null, 1 - q);
      }
    };
    flow(19.5, 140, 275, 20);
    if (t >= 22) {
      txt('≈ 1 000 kJ', 320, 130, { size: 20, bold: true, align: 'center', alpha: fade(t, 22) });
      txt('10 % passed on', 320, 152, { size: 14, color: GREEN, bold: true, align: 'center', alpha: fade(t, 22) });
    }
    if (t >= 24.5) {
      txt('lost as heat (from respiration and movement)', 320, 74, { size: 15, color: RED, bold: true, align: 'center', alpha: fade(t, 24.5) });
      txt('lost in droppings, urine and parts not eaten', 320, 320, { size: 15, color: BROWN, bold: true, align: 'center', alpha: fade(t, 25.5) });
    }
    flow(28, 365, 495, 20);
    if (t >= 28.5) {
      txt('≈ 100 kJ', 545, 130, { size: 20, bold: true, align: 'center', alpha: fade(t, 28.5) });
      txt('10 % of 1 000 kJ', 545, 152, { size: 14, color: GREEN, bold: true, align: 'center', alpha: fade(t, 28.5) });
    }
    return;
  }
  if (t < 46) {                                                   // the calculation
    bg(); heading('Working it out');
    txt('grass → rabbits:   10 000 kJ × 10 ÷ 100 = 1 000 kJ', 40, 105, { size: 20, alpha: fade(t, 33.5) });
    txt('rabbits → fox:       1 000 kJ × 10 ÷ 100 = 100 kJ', 40, 145, { size: 20, alpha: fade(t, 37) });
    if (t >= 40) {
      box(30, 178, 580, 50, '#f1f8e9', GREEN, fade(t, 40));
      txt('efficiency = energy passed on ÷ energy taken in × 100', 320, 210, { size: 18, bold: true, align: 'center', alpha: fade(t, 40) });
    }
    txt('fox: 100 ÷ 1 000 × 100 = 10 %', 40, 265, { size: 20, alpha: fade(t, 42.5) });
    txt('grass → fox: 10 % of 10 % = 1 %  (not 20 %!)', 40, 315, { size: 20, bold: true, color: RED, alpha: fade(t, 44) });
    return;
  }
  if (t < 57) {                                                   // pyramid of energy
    bg(); heading('A pyramid of energy');
    const levels = [['producers: 10 000 kJ', 360, LEAF, 46.5], ['primary consumers: 1 000 kJ', 220, '#fff59d', 48],
      ['secondary consumers: 100 kJ', 110, '#ffb74d', 49.5], ['tertiary consumers: 10 kJ', 44, '#ffcc80', 51]];
    levels.forEach(([s, w, c, t0], i) => {
      if (t < t0) return;
      const y = 286 - 44 * i, ww = w * fade(t, t0, 0.8);
      box(200 - ww / 2, y, ww, 40, c, DARK, 1, 2);
      txt(s, 395, y + 26, { size: 14, bold: true, alpha: fade(t, t0 + 0.3) });
    });
    txt('Every level is smaller: energy is lost at each step.', 20, 76, { size: 17, bold: true, color: RED, alpha: fade(t, 53) });
    txt('So food chains rarely have more than 4 or 5 links.', 20, 102, { size: 17, bold: true, alpha: fade(t, 55) });
    txt('(bars not to scale)', 200, 346, { size: 11, color: '#777', align: 'center', alpha: fade(t, 51) });
    return;
  }
  if (t < 67) {                                                   // energy flows, matter cycles
    bg(); heading('Energy flows, matter cycles');
    line(320, 60, 320, 330, '#ccc', 2);
    txt('Energy', 160, 84, { size: 20, bold: true, align: 'center' }); txt('Matter', 480, 84, { size: 20, bold: true, align: 'center' });
    const a1 = fade(t, 57.5);
    sun(40, 160, 16, t, a1);
    box(75, 145, 70, 30, LEAF, GREEN, a1); txt('plants', 110, 166, { size: 14, align: 'center', alpha: a1 });
    box(170, 145, 70, 30, '#ffe0b2', BROWN, a1); txt('animals', 205, 166, { size: 14, align: 'center', alpha: a1 });
    arrow(60, 160, 73, 160, SUN, 3, 1, a1); arrow(146, 160, 168, 160, GREEN, 3, 1, a1); arrow(241, 160, 300, 160, RED, 3, 1, a1);
    for (const x of [110, 205]) for (let k = 0; k < 2; k++) {
      const q = ((t - 57.5) * 0.5 + k / 2) % 1;
      if (t > 58) txt('~', x - 8 + 14 * k, 138 - q * 50, { size: 22, color: RED, bold: true, alpha: 1 - q });
    }
    txt('heat', 280, 150, { size: 13, color: RED, bold: true, alpha: a1 });
    txt('out to space', 250, 200, { size: 13, color: RED, bold: true, alpha: a1 });
    if (t >= 61) {
      txt('Energy is NOT recycled:', 160, 250, { size: 16, bold: true, color: RED, align: 'center', alpha: fade(t, 61) });
      txt('it leaves as heat.', 160, 272, { size: 16, bold: true, color: RED, align: 'center', alpha: fade(t, 61) });
    }
    const a2 = fade(t, 59), nodes = [['plants', 480, 110, LEAF], ['animals', 570, 170, '#ffe0b2'], ['decomposers', 480, 230, '#d7ccc8'],
      ['CO₂, minerals', 390, 170, '#e3f2fd']];
    if (t >= 59) {
      ctx.globalAlpha = a2; ctx.strokeStyle = BROWN; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(480, 170, 60, 0, 2 * Math.PI); ctx.stroke();
      for (let i = 0; i < 8; i++) {
        const ang = -Math.PI / 2 + ((t - 59) * 0.6 + i / 8) * 2 * Math.PI;
        circle(480 + 60 * Math.cos(ang), 170 + 60 * Math.sin(ang), 4, BROWN, null, a2);
      }
      for (const [s, x, y, c] of nodes) { box(x - 48, y - 13, 96, 26, c, BROWN, a2, 13); txt(s, x, y + 5, { size: 12, align: 'center', alpha: a2 }); }
    }
    if (t >= 63.5) {
      txt('Matter (carbon, nitrogen) IS', 480, 290, { size: 16, bold: true, color: GREEN, align: 'center', alpha: fade(t, 63.5) });
      txt('recycled, by decomposers.', 480, 312, { size: 16, bold: true, color: GREEN, align: 'center', alpha: fade(t, 63.5) });
    }
    return;
  }
  bg(); heading('Summary');
  bullets(t, 67.3, ['• Producers capture light energy.', '• About 10 % passes to each next level.',
    '• The rest is lost, mostly as heat from respiration.', '• Energy flows through; matter is recycled.']);
}

// Records one video; resolves with the WebM file as base64 and the measured length.
window.record = async function ({ name, duration, width, height, fps, bitrate }) {
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height; document.body.appendChild(canvas);
  ctx = canvas.getContext('2d');
  const draw = name === 'photosynthesis' ? v1 : v2;
  await document.fonts.load('18px "DejaVu Sans"'); await document.fonts.load('bold 18px "DejaVu Sans"');
  draw(0);
  const stream = canvas.captureStream(0), track = stream.getVideoTracks()[0];
  const mime = 'video/webm;codecs=vp8';
  if (!MediaRecorder.isTypeSupported(mime)) throw new Error(mime + ' is not supported');
  const rec = new MediaRecorder(stream, { mimeType: mime, videoBitsPerSecond: bitrate });
  const chunks = [];
  rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
  const stopped = new Promise((r) => { rec.onstop = r; });
  rec.start(1000);
  const t0 = performance.now();
  let frames = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const t = (performance.now() - t0) / 1000;
      draw(Math.min(t, duration - 0.01)); track.requestFrame(); frames++;
      if (t >= duration) return resolve();
      const next = (frames / fps) * 1000 - (performance.now() - t0);
      setTimeout(tick, Math.max(0, next));
    };
    tick();
  });
  rec.stop(); await stopped;
  const blob = new Blob(chunks, { type: 'video/webm' });
  const b64 = await new Promise((r) => { const fr = new FileReader(); fr.onload = () => r(fr.result.split(',')[1]); fr.readAsDataURL(blob); });
  return { b64, frames, seconds: (performance.now() - t0) / 1000 };
};

// Loads a WebM (base64) in a <video>; reports its duration, size, and whether it plays and seeks.
// Also loads the captions as a <track>, as a player would, and counts the cues Chromium parsed.
window.check = async function (b64, times, vtt) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
  const v = document.createElement('video'); v.muted = true; v.src = url; document.body.appendChild(v);
  const track = document.createElement('track');
  track.kind = 'captions'; track.srclang = 'en'; track.default = true;
  track.src = URL.createObjectURL(new Blob([vtt], { type: 'text/vtt' })); v.appendChild(track);
  const trackLoaded = new Promise((ok) => { track.onload = () => ok(true); track.onerror = () => ok(false); });
  await new Promise((ok, bad) => { v.onloadedmetadata = ok; v.onerror = () => bad(new Error('media error ' + (v.error && v.error.code))); });
  const result = { duration: v.duration, width: v.videoWidth, height: v.videoHeight };
  track.track.mode = 'hidden';
  result.captionsLoaded = await Promise.race([trackLoaded, new Promise((r) => setTimeout(() => r(false), 5000))]);
  result.cues = track.track.cues ? track.track.cues.length : 0;
  await v.play(); const start = v.currentTime;
  await new Promise((r) => setTimeout(r, 1500));
  result.playedSeconds = v.currentTime - start; v.pause();
  const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;
  const cx = c.getContext('2d', { willReadFrequently: true });
  result.frames = [];
  for (const t of times) {
    await new Promise((r) => { v.onseeked = r; v.currentTime = t; });
    cx.drawImage(v, 0, 0); const d = cx.getImageData(0, 0, c.width, c.height).data;
    let nonWhite = 0; for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 700) nonWhite++;
    result.frames.push({ t, inked: +(nonWhite / (d.length / 4)).toFixed(3), png: c.toDataURL('image/png') });
  }
  return result;
};
`;

// ---------------------------------------------------------------------------------------------------------------
// WebM: add <Duration> to the Segment Info of MediaRecorder's live WebM.
function readVint(buf, pos, keepMarker) {
  const first = buf[pos];
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  if (len > 8) throw new Error(`bad EBML number at byte ${pos}`);
  let value = keepMarker ? first : first & (0xff >> len);
  let unknown = value === (0xff >> len) && !keepMarker;
  for (let i = 1; i < len; i++) { value = value * 256 + buf[pos + i]; if (buf[pos + i] !== 0xff) unknown = false; }
  return { value, len, unknown };
}
function sizeVint(value, len) {
  const out = Buffer.alloc(len);
  for (let i = len - 1; i >= 0; i--) { out[i] = value % 256; value = Math.floor(value / 256); }
  out[0] |= 0x80 >> (len - 1);
  return out;
}
const ID = { SEGMENT: 0x18538067, INFO: 0x1549a966, CLUSTER: 0x1f43b675, TIMECODE: 0xe7, SIMPLEBLOCK: 0xa3,
  BLOCKGROUP: 0xa0, BLOCK: 0xa1, TIMECODESCALE: 0x2ad7b1, DURATION: 0x4489, SEEKHEAD: 0x114d9b74, CUES: 0x1c53bb6b };
const TOP_LEVEL = new Set([ID.CLUSTER, ID.CUES, ID.INFO, 0x1654ae6b, ID.SEEKHEAD, 0x1254c367, 0x1941a469, 0x1043a770]);

function addDuration(buf, fps) {
  let pos = 0;
  const head = () => { const id = readVint(buf, pos, true); const size = readVint(buf, pos + id.len, false); return { id: id.value, size, dataAt: pos + id.len + size.len, idLen: id.len }; };
  let e = head();
  pos = e.dataAt + e.size.value;                                  // skip the EBML header
  e = head();
  if (e.id !== ID.SEGMENT) throw new Error('no Segment');
  const segmentData = e.dataAt, segmentEnd = e.size.unknown ? buf.length : e.dataAt + e.size.value;
  let info = null, scale = 1e6, lastMs = 0;
  pos = segmentData;
  while (pos < segmentEnd) {
    e = head();
    if (e.id === ID.SEEKHEAD || e.id === ID.CUES) throw new Error('the file has a SeekHead or Cues: not patched');
    if (e.id === ID.INFO) {
      info = { at: pos, ...e };
      for (let p = e.dataAt; p < e.dataAt + e.size.value;) {
        const id = readVint(buf, p, true), size = readVint(buf, p + id.len, false), d = p + id.len + size.len;
        if (id.value === ID.DURATION) info.duration = { at: d, len: size.value };
        if (id.value === ID.TIMECODESCALE) scale = buf.readUIntBE(d, size.value);
        p = d + size.value;
      }
    }
    if (e.id === ID.CLUSTER) {
      let p = e.dataAt, clusterTime = 0;
      const end = e.size.unknown ? segmentEnd : e.dataAt + e.size.value;
      while (p < end) {
        const id = readVint(buf, p, true);
        if (e.size.unknown && TOP_LEVEL.has(id.value)) break;
        const size = readVint(buf, p + id.len, false), d = p + id.len + size.len;
        if (id.value === ID.TIMECODE) clusterTime = buf.readUIntBE(d, size.value);
        const block = (at) => {                                   // track number, then the time relative to the cluster
          const track = readVint(buf, at, false);
          lastMs = Math.max(lastMs, (clusterTime + buf.readInt16BE(at + track.len)) * scale / 1e6);
        };
        if (id.value === ID.SIMPLEBLOCK) block(d);
        if (id.value === ID.BLOCKGROUP) {                         // Chromium writes BlockGroups holding a Block
          for (let q = d; q < d + size.value;) {
            const cid = readVint(buf, q, true), csize = readVint(buf, q + cid.len, false), cd = q + cid.len + csize.len;
            if (cid.value === ID.BLOCK) block(cd);
            q = cd + csize.value;
          }
        }
        p = d + size.value;
      }
      pos = p;
      continue;
    }
    pos = e.dataAt + e.size.value;
  }
  if (!info) throw new Error('no Segment Info');
  if (!lastMs) throw new Error('no frames found');
  const durationMs = lastMs + 1000 / fps;                         // the last frame lasts one frame period
  if (info.duration) {                                            // already there (e.g. patched before): overwrite
    const out = Buffer.from(buf);
    if (info.duration.len === 8) out.writeDoubleBE(durationMs * 1e6 / scale, info.duration.at);
    else if (info.duration.len === 4) out.writeFloatBE(durationMs * 1e6 / scale, info.duration.at);
    else throw new Error('odd Duration element');
    return { buf: out, durationMs };
  }
  const element = Buffer.alloc(11);
  element.writeUInt16BE(ID.DURATION, 0); element[2] = 0x88; element.writeDoubleBE(durationMs * 1e6 / scale, 3);
  const newSize = info.size.value + element.length;
  const sizeLen = Math.max(info.size.len, newSize < 127 ? 1 : newSize < 16383 ? 2 : 4);
  const idBytes = buf.subarray(info.at, info.at + info.idLen);
  const infoData = buf.subarray(info.dataAt, info.dataAt + info.size.value);
  const out = Buffer.concat([buf.subarray(0, info.at), idBytes, sizeVint(newSize, sizeLen), infoData, element,
    buf.subarray(info.dataAt + info.size.value)]);
  return { buf: out, durationMs };
}

function vttTime(s) {
  const ms = Math.round(s * 1000), h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, sec = (ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec.toFixed(3).padStart(6, '0')}`;
}
function writeVtt(video) {
  let out = 'WEBVTT\n';
  video.cues.forEach(([start, text], i) => {
    const end = i + 1 < video.cues.length ? video.cues[i + 1][0] : video.duration;
    out += `\n${i + 1}\n${vttTime(start)} --> ${vttTime(end)}\n${text}\n`;
  });
  writeFileSync(path.join(OUT, `${video.name}.vtt`), out);
}

async function main() {
  const args = process.argv.slice(2);
  const checkOnly = args.includes('--check');
  const framesDir = args.includes('--frames') ? args[args.indexOf('--frames') + 1] : null;
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
      '--autoplay-policy=no-user-gesture-required'],
  });
  let failed = false;
  try {
    for (const video of VIDEOS) {
      const file = path.join(OUT, `${video.name}.webm`);
      const page = await browser.newPage({ viewport: { width: 700, height: 420 } });
      page.on('pageerror', (e) => { console.error(`${video.name}: page error: ${e.message}`); failed = true; });
      await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0"></body>');
      await page.addScriptTag({ content: PAGE_JS });
      if (args.includes('--fix-duration')) {
        const patched = addDuration(readFileSync(file), SETTINGS.fps);
        writeFileSync(file, patched.buf);
        console.log(`${video.name}: Duration element set to ${(patched.durationMs / 1000).toFixed(2)} s`);
      } else if (!checkOnly) {
        process.stdout.write(`${video.name}: recording ${video.duration} s in real time… `);
        const r = await page.evaluate((o) => window.record(o), { name: video.name, duration: video.duration, ...SETTINGS });
        const patched = addDuration(Buffer.from(r.b64, 'base64'), SETTINGS.fps);
        writeFileSync(file, patched.buf);
        writeVtt(video);
        console.log(`${r.frames} frames in ${r.seconds.toFixed(1)} s; Duration element ${(patched.durationMs / 1000).toFixed(2)} s`);
      }
      const bytes = readFileSync(file);
      const times = video.cues.map(([s]) => s + 0.9).filter((s) => s < video.duration);
      const vtt = readFileSync(path.join(OUT, `${video.name}.vtt`), 'utf8');
      const c = await page.evaluate(([b, t, s]) => window.check(b, t, s), [bytes.toString('base64'), times, vtt]);
      const size = statSync(file).size;
      const problems = [];
      if (size > MAX_BYTES) problems.push(`${size} bytes is over ${MAX_BYTES}`);
      if (!(Math.abs(c.duration - video.duration) < 1)) problems.push(`duration ${c.duration} is not about ${video.duration}`);
      if (c.width !== SETTINGS.width || c.height !== SETTINGS.height) problems.push(`size ${c.width}x${c.height}`);
      if (!(c.playedSeconds > 0.5)) problems.push(`played only ${c.playedSeconds} s in 1.5 s`);
      if (!c.captionsLoaded || c.cues !== video.cues.length) problems.push(`captions: ${c.cues} cues parsed, expected ${video.cues.length}`);
      const blank = c.frames.filter((f) => f.inked < 0.01);
      if (blank.length) problems.push(`blank frames at ${blank.map((f) => f.t).join(', ')} s`);
      console.log(`${video.name}.webm: ${(size / 1024).toFixed(1)} KB, ${c.width}x${c.height}, duration ${c.duration.toFixed(2)} s, ` +
        `played ${c.playedSeconds.toFixed(2)} s in 1.5 s, ${c.cues} caption cues, ${c.frames.length} frames checked after seeking` +
        (problems.length ? `\n  PROBLEMS: ${problems.join('; ')}` : ': ok'));
      if (problems.length) failed = true;
      if (framesDir) {
        mkdirSync(framesDir, { recursive: true });
        for (const f of c.frames) writeFileSync(path.join(framesDir, `${video.name}-${f.t.toFixed(1).padStart(5, '0')}.png`), Buffer.from(f.png.split(',')[1], 'base64'));
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  if (failed) process.exit(1);
}

// Run only when started as a script (the page code can be imported to preview frames).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
