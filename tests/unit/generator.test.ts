import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consultationFacts, participationFacts } from '../../seeds/demo/demo-facts';
import { evenlyPicked } from '../../seeds/demo/even-spread';
import type { ConsultationFact, ParticipationFact } from '../../seeds/demo/facts';
import { loadMunicipalities } from '../../seeds/demo/municipalities';
import { MIN_SCALE, planDemo } from '../../seeds/demo/plan';
import { readReferenceCsv } from '../../seeds/load-reference';

/*
 * The generator without a database: how it sizes its parts, and that the published figures hold by
 * construction for any seed, not by the luck of the fixed one.
 */

const digest = (facts: Iterable<unknown>) => {
  const hash = crypto.createHash('sha256');
  for (const f of facts) hash.update(JSON.stringify(f));
  return hash.digest('hex');
};

const distinctPersons = <T extends { personKey: string }>(facts: T[]) => new Set(facts.map((f) => f.personKey)).size;

const activeBetween = (f: ParticipationFact, from: string, to: string) => f.entryDate <= to && (f.exitDate === null || f.exitDate >= from);

function publishedFigures(episodes: ParticipationFact[], consultations: ConsultationFact[]) {
  const verte = episodes.filter((f) => f.institution === 'VERTE' && activeBetween(f, '2020-09-01', '2021-05-01'));
  const nva = consultations.filter((c) => c.programme === 'EX_PRISONERS' && c.institution === 'NVA' && c.date >= '2016-12-01' && c.date <= '2023-12-01');
  const sitesIn = (from: string, to: string) => [...new Set(nva.filter((c) => c.date >= from && c.date <= to).map((c) => c.site))].sort();
  return {
    verteParticipants: distinctPersons(verte),
    verteInLv107: verte.every((f) => f.region === 'LV-107'),
    verteReintegrated: distinctPersons(
      verte.filter((f) => ['EMPLOYMENT', 'EDUCATION'].includes(f.outcome) && f.outcomeDate! >= '2020-09-01' && f.outcomeDate! <= '2021-05-01'),
    ),
    diversityBy20210501: distinctPersons(episodes.filter((f) => f.programme === 'DIVERSITY' && activeBetween(f, '2018-01-01', '2021-05-01'))),
    consulted: distinctPersons(nva),
    preVocational: distinctPersons(nva.filter((c) => c.stage === 'PRE_VOCATIONAL')),
    preRelease: distinctPersons(nva.filter((c) => c.stage === 'PRE_RELEASE')),
    sites2017: sitesIn('2017-01-01', '2017-12-31'),
    sitesEach2018To2022: [2018, 2019, 2020, 2021, 2022].map((y) => sitesIn(`${y}-01-01`, `${y}-12-31`)),
    sites2023: sitesIn('2023-01-01', '2023-12-01'),
  };
}

const CONTINUATION_SITES = ['DAU', 'ILG', 'JEK', 'JEL', 'LIE', 'RCC', 'VAL'];

describe('demo plan', () => {
  it('defaults to 5000 episodes and 12,000 consultations, all in the real programmes', () => {
    expect(planDemo({})).toMatchObject({ sifEpisodes: 4900, benchEpisodes: 0, prisonerConsultations: 12_000, benchConsultations: 0 });
  });

  it('sends benchmark volume beyond the real programmes to the synthetic one', () => {
    expect(planDemo({ scale: 1_000_000, consultations: 1_000_000 })).toMatchObject({
      sifEpisodes: 14_900,
      benchEpisodes: 985_000,
      prisonerConsultations: 15_000,
      benchConsultations: 985_000,
    });
  });

  it.each([
    [{ scale: MIN_SCALE - 1 }, /scale.*3,000/],
    [{ scale: 5000.5 }, /scale.*whole number/],
    [{ scale: Number.NaN }, /scale/],
    [{ consultations: 3576 }, /consultations.*3,577/],
  ])('refuses %o', (size, message) => {
    expect(() => planDemo(size)).toThrow(message);
  });
});

describe('evenlyPicked', () => {
  it('picks exactly the asked number, spread over the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (total, n) => {
        const count = n % (total + 1);
        const picked = Array.from({ length: total }, (_, i) => evenlyPicked(i, count, total));
        expect(picked.filter(Boolean)).toHaveLength(count);
      }),
    );
  });
});

describe('demo facts', () => {
  it('are the same on every run with the same seed, and differ with another seed', () => {
    const plan = planDemo({ scale: MIN_SCALE });
    const run = (p: typeof plan) => digest([...participationFacts(p), ...consultationFacts(p)]);
    expect(run(plan)).toBe(run(plan));
    expect(run({ ...plan, seed: plan.seed + 1 })).not.toBe(run(plan));
  });

  it('reproduce every published figure for any seed, at the smallest scale and with benchmark volume', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(MIN_SCALE, 20_000), (seed, scale) => {
        const plan = planDemo({ scale, consultations: scale === MIN_SCALE ? 3577 : 20_000, seed });
        const figures = publishedFigures([...participationFacts(plan)], [...consultationFacts(plan)]);
        expect(figures).toEqual({
          verteParticipants: 60,
          verteInLv107: true,
          verteReintegrated: 18,
          diversityBy20210501: expect.any(Number),
          consulted: 3577,
          preVocational: 1623,
          preRelease: 1954,
          sites2017: ['BRA', 'DAU', 'ILG', 'JEK', 'JEL', 'RCC'],
          sitesEach2018To2022: Array(5).fill(CONTINUATION_SITES),
          sites2023: ['CES', 'DAU', 'ILG', 'JEK', 'JEL', 'LIE', 'OLA', 'RCC', 'VAL'],
        });
        expect(figures.diversityBy20210501).toBeGreaterThan(2000);
      }),
      { numRuns: 12 },
    );
  });

  it('cover every current municipality and every DIVERSITY target group for any seed', () => {
    const municipalities = loadMunicipalities().codes;
    const groups = readReferenceCsv('target_groups.csv')
      .filter((g) => g.parent_code === 'DISCRIMINATION_RISK')
      .map((g) => g.code);
    expect(municipalities).toHaveLength(43);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const episodes = [...participationFacts(planDemo({ scale: MIN_SCALE, seed }))];
        expect(new Set(episodes.map((f) => f.region))).toEqual(new Set([...municipalities, 'LV-107']));
        expect(new Set(episodes.flatMap((f) => f.targetGroups))).toEqual(new Set(groups));
        for (const f of episodes) {
          if (f.targetGroups.includes('AGE_50_PLUS')) expect(['45-54', '55-64', '65+']).toContain(f.ageBand);
          if (f.outcomeDate !== null) expect(f.entryDate <= f.outcomeDate && f.outcomeDate <= f.exitDate!).toBe(true);
          expect(f.outcome === 'ONGOING').toBe(f.exitDate === null);
        }
      }),
      { numRuns: 5 },
    );
  });
});
