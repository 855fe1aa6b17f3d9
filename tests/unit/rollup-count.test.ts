import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_DAY, type ConsultationColumns, type ParticipationColumns } from '../../server/analytics/memory/columns';
import { countRange, mergeCounts, personRanges, type CountPlan } from '../../server/analytics/memory/count';

/*
 * The rollup's counting of episodes (count.ts) against the definition, on small random stores: a person
 * counts in a bucket of a cell when one of their episodes there overlaps the bucket. The random stores have
 * what the demo data may lack in places: one person with overlapping, nested, touching and separate
 * episodes in one cell, open episodes, episodes before the period, and outcomes outside it. Counted whole
 * and split into person ranges, the answers must be the same.
 */

interface Episode {
  person: number;
  entry: number;
  exit: number;
  region: number;
  reintegrated: boolean;
  outcomeDay: number;
}

const REGIONS = 3;
const MEASURES = ['PARTICIPANTS', 'NEW_PARTICIPANTS', 'REINTEGRATED'];
const episode = fc.record({
  person: fc.integer({ min: 0, max: 5 }),
  entry: fc.integer({ min: 0, max: 120 }),
  length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  region: fc.integer({ min: 0, max: REGIONS - 1 }),
  reintegrated: fc.boolean(),
  outcomeAfter: fc.integer({ min: 0, max: 70 }),
});

function storeOf(episodes: Episode[]): { participation: ParticipationColumns; consultation: ConsultationColumns } {
  // The store's order: by person, then by entry.
  const rows = [...episodes].sort((a, b) => a.person - b.person || a.entry - b.entry);
  const n = rows.length;
  const column = <T extends Int32Array | Uint8Array | Uint16Array | Uint32Array>(Kind: new (n: number) => T, value: (e: Episode) => number) => {
    const out = new Kind(n);
    rows.forEach((e, i) => (out[i] = value(e)));
    return out;
  };
  const participation: ParticipationColumns = {
    n,
    person: column(Int32Array, (e) => e.person),
    entry: column(Int32Array, (e) => e.entry),
    exit: column(Int32Array, (e) => e.exit),
    outcomeDay: column(Int32Array, (e) => e.outcomeDay),
    reintegrated: column(Uint8Array, (e) => (e.reintegrated ? 1 : 0)),
    outcome: new Uint8Array(n),
    programme: new Uint16Array(n),
    institution: new Uint16Array(n),
    region: column(Uint16Array, (e) => e.region),
    gender: new Uint8Array(n),
    ageBand: new Uint8Array(n),
    dataset: new Uint16Array(n),
    groups: new Uint32Array(n),
  };
  const none = new Int32Array(0);
  const consultation = { n: 0, person: none, day: none, programme: new Uint16Array(0), institution: new Uint16Array(0), site: new Uint16Array(0), stage: new Uint8Array(0), format: new Uint8Array(0), mode: new Uint8Array(0), dataset: new Uint16Array(0) };
  return { participation, consultation };
}

/** Regions × buckets of `width` days tiling [from, to]. */
function planOf(from: number, to: number, width: number, kept?: boolean[], measures = MEASURES): CountPlan & { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let d = from; d <= to; d += width) (starts.push(d), ends.push(Math.min(d + width - 1, to)));
  const bucketOfDay = new Int32Array(to - from + 1);
  starts.forEach((s, b) => bucketOfDay.fill(b, s - from, ends[b] - from + 1));
  return {
    fact: 'participation',
    cells: REGIONS * starts.length,
    buckets: starts.length,
    groups: 1,
    hasGroups: false,
    checks: kept ? [{ column: 'region', ok: Uint8Array.from(kept, (k) => (k ? 1 : 0)) }] : [],
    axes: [{ column: 'region', position: Int32Array.from({ length: REGIONS }, (_, r) => r), stride: 1 }],
    groupFilter: undefined,
    ownInstitution: undefined,
    fromDay: from,
    toDay: to,
    bucketStart: Int32Array.from(starts),
    bucketEnd: Int32Array.from(ends),
    bucketOfDay,
    datasets: 1,
    sites: 0,
    measures,
    starts,
    ends,
  };
}

/** The definition, cell by cell. */
function byDefinition(all: Episode[], plan: ReturnType<typeof planOf>, kept?: boolean[]) {
  const episodes = kept ? all.filter((e) => kept[e.region]) : all;
  const overlaps = (e: Episode, start: number, end: number) => e.entry <= end && e.exit >= start;
  const cells = [];
  for (let region = 0; region < REGIONS; region++) {
    for (let b = 0; b < plan.starts.length; b++) {
      const [start, end] = [plan.starts[b], plan.ends[b]];
      const active = episodes.filter((e) => e.region === region && overlaps(e, start, end));
      cells.push({
        PARTICIPANTS: new Set(active.map((e) => e.person)).size,
        NEW_PARTICIPANTS: active.filter((e) => e.entry >= start).length,
        REINTEGRATED: new Set(active.filter((e) => e.reintegrated && e.outcomeDay >= start && e.outcomeDay <= end).map((e) => e.person)).size,
      });
    }
  }
  const inPeriod = episodes.filter((e) => overlaps(e, plan.fromDay, plan.toDay));
  const totals = {
    PARTICIPANTS: new Set(inPeriod.map((e) => e.person)).size,
    NEW_PARTICIPANTS: inPeriod.filter((e) => e.entry >= plan.fromDay).length,
    REINTEGRATED: new Set(inPeriod.filter((e) => e.reintegrated && e.outcomeDay >= plan.fromDay && e.outcomeDay <= plan.toDay).map((e) => e.person)).size,
  };
  return { cells, totals };
}

describe('counting episodes in the rollup', () => {
  // Lengths under the width give one bucket, which the counting does its own way (count.ts); a region filter adds a check;
  // a query that asks for fewer measures gets a kernel without the others.
  it('matches the definition for random episodes, whole and split by persons, with one bucket or many, filtered or not, for any measures asked', () => {
    fc.assert(
      fc.property(
        fc.array(episode, { maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.array(fc.boolean(), { minLength: REGIONS, maxLength: REGIONS }), { nil: undefined }),
        fc.subarray(MEASURES),
        (drawn, a, length, width, parts, kept, asked) => {
          const episodes = drawn.map((e) => {
            const exit = e.length === undefined ? NO_DAY : e.entry + e.length;
            return { person: e.person, entry: e.entry, exit, region: e.region, reintegrated: e.reintegrated, outcomeDay: e.reintegrated ? Math.min(exit, e.entry + e.outcomeAfter) : -1 };
          });
          const plan = planOf(a, a + length, width, kept, asked);
          const store = storeOf(episodes);
          const n = store.participation.n;
          const whole = mergeCounts([countRange(store, plan, 0, n)], plan);
          const split = mergeCounts(personRanges(store.participation.person, n, parts).map(([lo, hi]) => countRange(store, plan, lo, hi)), plan);
          const expected = byDefinition(episodes, plan, kept);
          // PARTICIPANTS is always counted: it says which cells hold rows.
          const counted = MEASURES.filter((m) => m === 'PARTICIPANTS' || asked.includes(m));
          const pick = <T>(values: Record<string, T>) => Object.fromEntries(counted.map((m) => [m, values[m]]));
          for (const counts of [whole, split]) {
            expect(Object.keys(counts.values).sort()).toEqual([...counted].sort());
            const cells = expected.cells.map((_, cell) => Object.fromEntries(counted.map((m) => [m, counts.values[m][cell]])));
            expect(cells).toEqual(expected.cells.map(pick));
            expect(counts.totals).toEqual(pick(expected.totals));
          }
        },
      ),
      { numRuns: 500, seed: 2026 },
    );
  });

  it('splits rows only where a new person starts', () => {
    const person = Int32Array.from([0, 0, 0, 1, 2, 2, 2, 2, 3, 4]);
    const ranges = personRanges(person, person.length, 3);
    expect(ranges).toEqual([
      [0, 3],
      [3, 8],
      [8, 10],
    ]);
    expect(personRanges(Int32Array.from([7, 7, 7]), 3, 2)).toEqual([[0, 3]]);
  });
});
