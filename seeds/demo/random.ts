/*
 * A counter-based random source: every generated record gets its own stream, derived from
 * (seed, stream name, record index). A record is then a pure function of its index, so the rows do not
 * depend on batch sizes, on the database, or on how many records other parts of the generator make,
 * and a record can be regenerated on demand (a returning participant looks up their earlier episode).
 */

/** Chris Wellons' lowbias32 integer hash: cheap, and good enough avalanche for synthetic data. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seedAndStream: number, index: number) {
    this.state = mix32((seedAndStream + mix32(index)) | 0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(choices: Weighted<T>): T {
    const r = this.next() * choices.total;
    const { cumulative, values } = choices;
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return values[i];
    return values[values.length - 1];
  }
}

/** A distribution prepared once and drawn from many times. */
export interface Weighted<T> {
  values: T[];
  cumulative: number[];
  total: number;
}

export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  let total = 0;
  const cumulative = entries.map(([, weight]) => (total += weight));
  if (!(total > 0)) throw new Error('A weighted choice needs a positive total weight');
  return { values: entries.map(([value]) => value), cumulative, total };
}

/** The random stream of one kind of record: call it with a record's index. */
export type RandomStream = (index: number) => Random;

export function randomStream(seed: number, name: string): RandomStream {
  const base = mix32(mix32(seed) ^ hashName(name));
  return (index) => new Random(base, index);
}
