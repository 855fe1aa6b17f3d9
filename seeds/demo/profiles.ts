import { readReferenceCsv } from '../load-reference';
import { type Random, weighted } from './random';

/*
 * Who a demo participant is: gender, age band at entry and the target groups they belong to. Groups
 * depend on the person (childcare leave is mostly women aged 25-44), and AGE_50_PLUS is only ever given
 * to someone in age band 45-54 or older, the schema's rule for that group.
 */

export type Gender = 'F' | 'M' | 'X';
export type AgeBand = '15-24' | '25-34' | '35-44' | '45-54' | '55-64' | '65+';

export interface Profile {
  gender: Gender;
  ageBand: AgeBand;
  targetGroups: string[];
}

const GENDERS = weighted<Gender>([
  ['F', 62],
  ['M', 36],
  ['X', 2],
]);

const AGE_BANDS = weighted<AgeBand>([
  ['15-24', 12],
  ['25-34', 22],
  ['35-44', 22],
  ['45-54', 20],
  ['55-64', 18],
  ['65+', 6],
]);

const PARENT_GROUP = 'DISCRIMINATION_RISK';

const fromAge45 = (a: AgeBand) => a === '45-54' || a === '55-64' || a === '65+';
const working = (a: AgeBand) => a === '25-34' || a === '35-44';

/** How likely a person of this gender and age band is to belong to each group, relative to the others. */
const GROUP_AFFINITY: Record<string, (gender: Gender, age: AgeBand) => number> = {
  GENDER: () => 1,
  AFTER_CHILDCARE_LEAVE: (g, a) => (working(a) ? (g === 'M' ? 0.3 : 3) : a === '15-24' ? 0.4 : 0),
  VIOLENCE_VICTIM: (g) => (g === 'M' ? 0.5 : 1.2),
  FAMILY_CARER: (_, a) => (fromAge45(a) ? 1.5 : 0.7),
  SINGLE_PARENT: (_, a) => (working(a) || a === '45-54' ? 1.5 : a === '15-24' ? 0.5 : 0.1),
  AGE_50_PLUS: (_, a) => (a === '45-54' ? 1.5 : a === '55-64' || a === '65+' ? 4 : 0),
  DISABILITY: () => 1.5,
  ETHNICITY: () => 1,
};

const GROUP_COUNT = weighted([
  [1, 55],
  [2, 33],
  [3, 12],
]);

export class ProfileMaker {
  /** The groups of programme DIVERSITY: every child of DISCRIMINATION_RISK in the reference data. */
  readonly groups: string[];

  constructor() {
    this.groups = readReferenceCsv('target_groups.csv')
      .filter((g) => g.parent_code === PARENT_GROUP)
      .map((g) => g.code);
    const missing = this.groups.filter((code) => !(code in GROUP_AFFINITY));
    if (missing.length > 0) throw new Error(`No demo affinity for target groups ${missing.join(', ')}`);
  }

  /** A person; with `required`, one who plausibly belongs to that group and does. */
  draw(rng: Random, required?: string): Profile {
    let gender: Gender;
    let ageBand: AgeBand;
    do {
      gender = rng.pick(GENDERS);
      ageBand = rng.pick(AGE_BANDS);
    } while (required !== undefined && GROUP_AFFINITY[required](gender, ageBand) === 0);

    const targetGroups = required === undefined ? [] : [required];
    const count = rng.pick(GROUP_COUNT);
    while (targetGroups.length < count) {
      const candidates = this.groups
        .filter((code) => !targetGroups.includes(code))
        .map((code) => [code, GROUP_AFFINITY[code](gender, ageBand)] as const)
        .filter(([, affinity]) => affinity > 0);
      targetGroups.push(rng.pick(weighted(candidates)));
    }
    return { gender, ageBand, targetGroups };
  }
}
