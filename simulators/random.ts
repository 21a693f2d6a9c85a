// Deterministic pseudo-randomness keyed by the world's seed and a path of parts, so any
// value (a repository's stars, a package's downloads on a day) can be computed on its own,
// in any order, without materialising the rest of the world.

/** A 32-bit hash of the seed and parts (FNV-1a over the text, then a murmur finaliser). */
export function hash(seed: number, ...parts: (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x1f; // separator, so ('ab','c') and ('a','bc') differ
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) determined by the seed and parts. */
export function unit(seed: number, ...parts: (string | number)[]): number {
  return hash(seed, ...parts) / 0x1_0000_0000;
}

/** An integer in [min, max] determined by the seed and parts. */
export function intBetween(min: number, max: number, seed: number, ...parts: (string | number)[]): number {
  return min + Math.floor(unit(seed, ...parts) * (max - min + 1));
}

/** Hex digits determined by the seed and parts (for ids, shas and ETags). */
export function hex(length: number, seed: number, ...parts: (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += hash(seed, ...parts, i).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

export function pick<T>(items: readonly T[], seed: number, ...parts: (string | number)[]): T {
  return items[hash(seed, ...parts) % items.length]!;
}
