/**
 * 20 colours chosen so each has at least 3:1 contrast (WCAG's bar for graphics) against both a
 * white editor and VS Code's dark `#1e1e1e`, and any two differ by at least 25 ΔE (CIELAB):
 * picked by farthest-point sampling over HSL colours that pass the contrast bar, so the first
 * runs get the most different colours.
 */
export const RUN_PALETTE: readonly string[] = [
  '#2f7fd0',
  '#e0662a',
  '#2f9e44',
  '#ec18ec',
  '#d16199',
  '#178282',
  '#776922',
  '#6952e0',
  '#ec184d',
  '#849c0d',
  '#ec18a5',
  '#d5756d',
  '#c68910',
  '#c861d1',
  '#e21212',
  '#9a26ed',
  '#1099c6',
  '#30a67f',
  '#9a5a2d',
  '#0eaa0e',
];

/** Lightness shifts of later rounds through the palette (round 0 is the palette itself). */
const ROUND_SHIFTS = [0, 0.1, -0.1, 0.05, -0.05];

/**
 * The colour of the run in column/legend position `index` (`#rrggbb`): stable for an index, so a
 * run keeps its colour across the table, the charts and a reload. Past the palette, the colours
 * repeat with a shifted lightness and a slightly turned hue, still readable on both
 * backgrounds, so 100 runs get distinct colours.
 */
export function runColor(index: number): string {
  const i = Number.isFinite(index) && index > 0 ? Math.floor(index) : 0;
  const base = RUN_PALETTE[i % RUN_PALETTE.length] ?? '#2f7fd0';
  const round = Math.floor(i / RUN_PALETTE.length) % ROUND_SHIFTS.length;
  const shift = ROUND_SHIFTS[round] ?? 0;
  return round === 0 ? base : vary(base, shift, round * 9);
}

/**
 * Shift the lightness and turn the hue a little, then walk the lightness back until the colour
 * again has 3:1 contrast against both white and `#1e1e1e` (the band the palette was picked in).
 */
function vary(hex: string, lightness: number, hueDegrees: number): string {
  const [h, s, l0] = toHsl(hex);
  const hue = (h + hueDegrees) % 360;
  let l = Math.min(0.75, Math.max(0.2, l0 + lightness));
  let out = toHex(hue, s, l);
  for (let i = 0; i < 40; i++) {
    const y = luminance(out);
    if (y > MAX_LUMINANCE) {
      l -= 0.01;
    } else if (y < MIN_LUMINANCE) {
      l += 0.01;
    } else {
      break;
    }
    out = toHex(hue, s, l);
  }
  return out;
}

/** 3:1 against white needs luminance ≤ 0.3; 3:1 against #1e1e1e (luminance 0.0129) needs ≥ 0.139. */
const MAX_LUMINANCE = 0.3;
const MIN_LUMINANCE = 0.14;

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((p) => {
    const c = parseInt(hex.slice(p, p + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function toHsl(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((p) => parseInt(hex.slice(p, p + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) {
    return [0, 0, l];
  }
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h * 60, s, l];
}

function toHex(h: number, s: number, l: number): string {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const sector = Math.floor(h / 60) % 6;
  const sectors: ReadonlyArray<readonly [number, number, number]> = [
    [c, x, 0],
    [x, c, 0],
    [0, c, x],
    [0, x, c],
    [x, 0, c],
    [c, 0, x],
  ];
  const [r, g, b] = sectors[sector] ?? [0, 0, 0];
  const byte = (v: number): string =>
    Math.round(Math.min(1, Math.max(0, v + m)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}
