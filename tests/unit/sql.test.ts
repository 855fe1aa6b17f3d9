import { describe, expect, it } from 'vitest';
import { buildFactStatement } from '../../server/analytics/sql';

/*
 * The SQL the semantic layer generates, pinned: a change in generated SQL shows up as a diff here.
 * Dates are ISO strings on both databases, so SQLite and PostgreSQL get the same text; knex turns the
 * ? placeholders into $1, $2… for PostgreSQL.
 */
describe('generated SQL', () => {
  it('participants and reintegration by municipality and year for a region', () => {
    const s = buildFactStatement({
      fact: 'participation',
      measures: ['PARTICIPANTS', 'REINTEGRATED'],
      dimensions: ['YEAR', 'MUNICIPALITY'],
      buckets: [
        { code: '2020', start: '2020-09-01', end: '2020-12-31' },
        { code: '2021', start: '2021-01-01', end: '2021-05-01' },
      ],
      from: '2020-09-01',
      to: '2021-05-01',
      boundaries: 'CURRENT',
      filters: { regions: ['0031000', 'LV-107'], institutions: ['VERTE'] },
    });
    expect(s.sql).toBe(
      [
        'WITH b(code, b_start, b_end) AS (VALUES (?, ?, ?), (?, ?, ?))',
        "SELECT b.code AS d0, r.rollup_code AS d1, COUNT(DISTINCT p.person_key) AS m_participants, COUNT(DISTINCT CASE WHEN p.outcome IN ('EMPLOYMENT', 'EDUCATION') AND p.outcome_date BETWEEN b.b_start AND b.b_end THEN p.person_key END) AS m_reintegrated",
        'FROM participation p',
        'JOIN b ON p.entry_date <= b.b_end AND (p.exit_date IS NULL OR p.exit_date >= b.b_start)',
        'JOIN region r ON r.code = p.region_code',
        'WHERE p.entry_date <= ? AND (p.exit_date IS NULL OR p.exit_date >= ?) AND p.region_code IN (?, ?) AND p.institution_code IN (?)',
        'GROUP BY 1, 2',
      ].join('\n'),
    );
    expect(s.bindings).toEqual(['2020', '2020-09-01', '2020-12-31', '2021', '2021-01-01', '2021-05-01', '2021-05-01', '2020-09-01', '0031000', 'LV-107', 'VERTE']);
  });

  it('consultations by site region, recorded boundaries, with the join it builds on first', () => {
    const s = buildFactStatement({
      fact: 'consultation',
      measures: ['CONSULTATIONS'],
      dimensions: ['MUNICIPALITY'],
      buckets: [{ code: 'ALL', start: '2017-01-01', end: '2017-12-31' }],
      from: '2017-01-01',
      to: '2017-12-31',
      boundaries: 'AS_RECORDED',
      filters: { regions: ['0001000'] },
      datasetIds: ['demo'],
    });
    expect(s.sql).toBe(
      [
        'WITH b(code, b_start, b_end) AS (VALUES (?, ?, ?))',
        'SELECT s.region_code AS d0, COUNT(*) AS m_consultations',
        'FROM consultation c',
        'JOIN b ON c.date BETWEEN b.b_start AND b.b_end',
        'JOIN institution s ON s.code = c.site_code',
        'JOIN region r ON r.code = s.region_code',
        'WHERE c.date <= ? AND c.date >= ? AND s.region_code IN (?) AND c.dataset_id IN (?)',
        'GROUP BY 1',
      ].join('\n'),
    );
  });

  it('target groups: each episode once per group, parents through their children', () => {
    const s = buildFactStatement({
      fact: 'participation',
      measures: ['NEW_PARTICIPANTS'],
      dimensions: ['TARGET_GROUP'],
      buckets: [{ code: 'ALL', start: '2018-01-01', end: '2023-12-31' }],
      from: '2018-01-01',
      to: '2023-12-31',
      boundaries: 'CURRENT',
      filters: { targetGroups: ['AGE_50_PLUS'] },
    });
    expect(s.sql).toContain('SELECT tg.code AS d0, COUNT(DISTINCT CASE WHEN p.entry_date >= b.b_start THEN p.id END) AS m_new_participants');
    expect(s.sql).toContain('UNION\n      SELECT x.participation_id, g.parent_code FROM participation_target_group x');
    expect(s.sql).toContain('p.id IN (SELECT participation_id FROM participation_target_group WHERE target_group_code IN (?))');
  });
});
