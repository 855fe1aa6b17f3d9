/*
 * Invented programme targets, so the dashboard can show progress against them. One target was raised
 * during the project (money reallocated in 2020): both versions are kept, as kpi_target keeps history.
 */

const NOTE = 'Synthetic demo target, invented: not an official figure.';

export function demoKpiTargets() {
  const target = (programme_code: string, measure: string, period_from: string, period_to: string, target_value: number, set_at: string) => ({
    programme_code,
    measure,
    period_from,
    period_to,
    region_code: null,
    target_value,
    synthetic: true,
    set_at,
    set_by: 'demo',
    note: NOTE,
  });
  return [
    target('DIVERSITY', 'PARTICIPANTS', '2018-01-01', '2023-12-31', 4000, '2017-11-15T10:00:00.000Z'),
    target('DIVERSITY', 'PARTICIPANTS', '2018-01-01', '2023-12-31', 4500, '2020-06-30T10:00:00.000Z'),
    target('DIVERSITY', 'REINTEGRATED', '2018-01-01', '2023-12-31', 1300, '2017-11-15T10:00:00.000Z'),
    target('EX_PRISONERS', 'CONSULTED_PERSONS', '2016-12-01', '2023-12-31', 3500, '2016-11-20T10:00:00.000Z'),
  ];
}
