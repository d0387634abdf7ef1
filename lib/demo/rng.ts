/**
 * Small, fast, seedable randomness for demo and benchmark data. Not for
 * anything secret: the point is that the same seed gives the same data, so
 * tests can predict it and a million rows cost microseconds each.
 */

export type Rng = () => number;

/** mulberry32: 32-bit state, full period 2^32, a few integer ops per draw. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two integers into a well-spread 32-bit seed (murmur3 finaliser). */
export function mixSeed(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seed from a string (FNV-1a), e.g. to derive stable ids from names. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function intBelow(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick() from an empty list");
  return items[Math.floor(rng() * items.length)]!;
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** A value drawn with fixed relative weights; the table is built once, draws are a short scan. */
export class WeightedTable<T> {
  readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error("WeightedTable needs at least one positive weight");
    this.values = kept.map(([v]) => v);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng() * this.total;
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (x < c[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(word: number): string {
  return HEX[(word >>> 24) & 255]! + HEX[(word >>> 16) & 255]! + HEX[(word >>> 8) & 255]! + HEX[word & 255]!;
}

function word(rng: Rng): number {
  return (rng() * 4294967296) >>> 0;
}

/** A version-4-shaped UUID from the generator (deterministic, not cryptographic). */
export function uuid4(rng: Rng): string {
  const a = word(rng);
  const b = (word(rng) & 0xffff0fff) | 0x00004000;
  const c = (word(rng) & 0x3fffffff) | 0x80000000;
  const d = word(rng);
  const hb = hex32(b >>> 0);
  const hc = hex32(c >>> 0);
  return `${hex32(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex32(d)}`;
}

/**
 * A version-7-shaped UUID (48-bit millisecond timestamp first), the shape of
 * Levers' `providerCallId` in its documentation (`069652c8-d01e-733e-…`).
 */
export function uuid7(rng: Rng, epochMs: number): string {
  const ms = Math.max(0, Math.floor(epochMs));
  const high = Math.floor(ms / 65536) >>> 0;
  const low = ms % 65536;
  const b = word(rng);
  const c = (word(rng) & 0x3fffffff) | 0x80000000;
  const d = word(rng);
  const h = hex32(high);
  const l = HEX[(low >>> 8) & 255]! + HEX[low & 255]!;
  const hb = hex32(b);
  const hc = hex32(c >>> 0);
  return `${h}-${l}-7${hb.slice(1, 4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex32(d)}`;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text, e.g. for Svix-style message ids (`msg_` + 27 characters). */
export function base62(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += BASE62[Math.floor(rng() * 62)];
  return s;
}
