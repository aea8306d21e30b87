/**
 * Draws the Teams app icons: color.png 192×192 (white speech bubble on the accent colour) and
 * outline.png 32×32 (the same bubble, white on transparent, as Teams requires).
 * Run: node dist/adapters/teams/make-icons.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from './png';

const ACCENT: [number, number, number] = [0x2e, 0x7d, 0x5b];

/** Inside a rounded speech bubble with a tail, in a unit square (0..1). */
function bubble(u: number, v: number): boolean {
  const inBox = (x0: number, y0: number, x1: number, y1: number, r: number) => {
    const cx = Math.min(Math.max(u, x0 + r), x1 - r);
    const cy = Math.min(Math.max(v, y0 + r), y1 - r);
    return u >= x0 && u <= x1 && v >= y0 && v <= y1 && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  };
  const body = inBox(0.16, 0.2, 0.84, 0.68, 0.12);
  // tail: a triangle under the bubble's left side
  const tail = v >= 0.66 && v <= 0.84 && u >= 0.28 && u <= 0.28 + (0.84 - v) * 0.9;
  return body || tail;
}

/** Three "talking" dots cut out of the bubble. */
function dot(u: number, v: number): boolean {
  return [0.34, 0.5, 0.66].some((cx) => (u - cx) ** 2 + (v - 0.44) ** 2 <= 0.055 ** 2);
}

/** 4×4 supersampling for smooth edges. */
function coverage(x: number, y: number, size: number, inside: (u: number, v: number) => boolean): number {
  let hit = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hit++;
  return hit / 16;
}

export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(size, size, (x, y) => {
    const c = coverage(x, y, size, (u, v) => bubble(u, v) && !dot(u, v));
    const mix = (bg: number) => Math.round(bg * (1 - c) + 255 * c);
    return [mix(ACCENT[0]), mix(ACCENT[1]), mix(ACCENT[2]), 255];
  });
}

export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, size, (x, y) => {
    const c = coverage(x, y, size, (u, v) => bubble(u, v) && !dot(u, v));
    return [255, 255, 255, Math.round(255 * c)];
  });
}

if (require.main === module) {
  const dir = path.join(__dirname, 'appPackage').replace(`${path.sep}dist${path.sep}`, path.sep);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`wrote ${dir}/color.png and outline.png\n`);
}
