import { DateSampler, dayOf, isoOf } from './dates';
import { endEpisode, episodeExitDay } from './episodes';
import type { ParticipationFact } from './facts';
import type { DemoContext } from './context';
import { personKey } from './person-keys';
import { randomStream } from './random';

/*
 * Programme DIVERSITY as delivered by SIF's partners other than Verte (recorded as SIF), 2018-2023, all
 * over the country. Episodes before the 2021 reform are recorded with today's municipality codes, as
 * statistics are usually recoded. DIVERSITY_TOTAL_2021 ("more than 2000" by 2021-05-01) holds by
 * construction: the first episodes start before the article, each with a person of its own, and there
 * are always more than 2000 of them; the rest start after it. No entry falls within a week of
 * 2021-05-01 or in the project's first week, so the figure does not hinge on whether a boundary counts.
 */

const BEFORE_ARTICLE = [
  { from: '2018-01-08', to: '2018-12-31', weight: 13 },
  { from: '2019-01-01', to: '2019-12-31', weight: 17 },
  { from: '2020-01-01', to: '2020-12-31', weight: 16 },
  { from: '2021-01-01', to: '2021-04-20', weight: 19 * (110 / 365) },
];
const AFTER_ARTICLE = [
  { from: '2021-05-10', to: '2021-12-31', weight: 19 * (236 / 365) },
  { from: '2022-01-01', to: '2022-12-31', weight: 19 },
  { from: '2023-01-01', to: '2023-11-30', weight: 16 },
];
/** Persons before the article: the published "more than 2000", with a margin. */
const MIN_PERSONS_BEFORE_ARTICLE = 2100;
/** Share of later episodes that are a second episode of someone who took part before the article. */
const RETURNING_SHARE = 0.06;
/** A returning participant comes back at least this long after their first episode ended. */
const RETURN_GAP_DAYS = 60;

const totalWeight = (windows: { weight: number }[]) => windows.reduce((sum, w) => sum + w.weight, 0);
const BEFORE_ARTICLE_SHARE = totalWeight(BEFORE_ARTICLE) / (totalWeight(BEFORE_ARTICLE) + totalWeight(AFTER_ARTICLE));
const LAST_ENTRY = dayOf(AFTER_ARTICLE[AFTER_ARTICLE.length - 1].to);

/** `count` must leave room for MIN_PERSONS_BEFORE_ARTICLE; the demo plan's minimum scale sees to it. */
export function* sifEpisodes({ seed, profiles, municipalities }: DemoContext, count: number): Generator<ParticipationFact> {
  const beforeArticle = Math.max(MIN_PERSONS_BEFORE_ARTICLE, Math.round(count * BEFORE_ARTICLE_SHARE));
  const before = new DateSampler(BEFORE_ARTICLE);
  const after = new DateSampler(AFTER_ARTICLE);
  const episodeRandom = randomStream(seed, 'sif-episode');
  const personRandom = randomStream(seed, 'sif-person');

  /** An episode's dates depend on its index only, so a returning person's first episode can be looked up. */
  const span = (i: number) => {
    const rng = episodeRandom(i);
    const entryDay = (i < beforeArticle ? before : after).draw(rng);
    return { rng, entryDay, exitDay: episodeExitDay(rng, entryDay) };
  };

  for (let i = 0; i < count; i++) {
    const { rng, ...dates } = span(i);
    let { entryDay, exitDay } = dates;
    let person = i;
    if (i >= beforeArticle && rng.chance(RETURNING_SHARE)) {
      const earlier = rng.int(0, beforeArticle - 1);
      const returnDay = span(earlier).exitDay + RETURN_GAP_DAYS;
      if (returnDay <= LAST_ENTRY) {
        person = earlier;
        entryDay = Math.max(entryDay, returnDay);
        exitDay = episodeExitDay(rng, entryDay);
      }
    }
    // Person attributes come from the person's own stream, so a returning participant stays who they were;
    // the first persons cover every municipality and every target group, at any scale.
    const personRng = personRandom(person);
    const profile = profiles.draw(personRng, profiles.groups[person]);
    const region = municipalities.codes[person] ?? personRng.pick(municipalities.byPopulation);
    yield {
      recordId: `DIV-${String(i + 1).padStart(7, '0')}`,
      personKey: personKey(seed, 'diversity', person),
      programme: 'DIVERSITY',
      institution: 'SIF',
      region,
      entryDate: isoOf(entryDay),
      ...endEpisode(rng, entryDay, exitDay),
      gender: profile.gender,
      ageBand: profile.ageBand,
      targetGroups: profile.targetGroups,
    };
  }
}
