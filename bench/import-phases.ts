import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/*
 * In-process timings of the import of a 100k-row participation CSV (the bench's file), phase by phase:
 * reading the CSV, validating it, and the whole `importFile` (read, validate, write, commit), `--runs`
 * times, each import deleted again afterwards. `--code DIR` loads the importer from another checkout
 * (the same file, old code), so old and new can be timed back to back against the same database:
 *
 *   node --import tsx bench/import-phases.ts --database-url sqlite:./data/bench-100000.sqlite --runs 5
 *   node --import tsx bench/import-phases.ts --code ../main --database-url … --runs 5
 *
 * On PostgreSQL the fact tables are vacuumed after each run. The database must be migrated and seeded (`npm run bench -- --scale 100000 …` leaves one behind).
 */

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'sqlite:./data/bench-100000.sqlite' },
    code: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    'import-only': { type: 'boolean', default: false },
    kind: { type: 'string', default: 'participation' },
  },
});

const root = path.resolve(args.code!);
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
const { parseDatabaseUrl } = await load('server/config.ts');
const { openDatabase } = await load('server/db/connection.ts');
const { Catalog } = await load('server/catalog/catalog.ts');
const { readTable } = await load('server/import/read-file.ts');
const { validateRows } = await load('server/import/validate-rows.ts');
const { importFile } = await load('server/import/importer.ts');
const { csv, participationRow, consultationRow } = await import('../tests/helpers/import-files');

const kind = args.kind as 'participation' | 'consultation';
const rows = Number(args.rows);
const runs = Number(args.runs);
const db = openDatabase(parseDatabaseUrl(args['database-url']!));
const catalog = await Catalog.load(db);
const ms = (since: number) => Math.round(performance.now() - since);
const totals: number[] = [];

console.log(`code ${root}, ${args['database-url']}, ${rows} ${kind} rows, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let run = 1; run <= runs; run++) {
  const stamp = `${Date.now().toString(36)}${run}`;
  const file = Buffer.from(
    csv(
      kind,
      Array.from({ length: rows }, (_, i) =>
        kind === 'participation'
          ? participationRow(i, { record_id: `B-${stamp}-${i}`, person_key: `bench${stamp}${String(i).padStart(7, '0')}` })
          : consultationRow(i, { record_id: `B-${stamp}-${i}`, person_key: `bench${stamp}${String(i).padStart(7, '0')}` }),
      ),
    ),
  );
  let started = performance.now();
  let read = 0;
  let validate = 0;
  if (!args['import-only']) {
    const table = await readTable(file);
    read = ms(started);
    started = performance.now();
    const checked = await validateRows(kind, table, catalog, {});
    validate = ms(started);
    if (!checked.valid) throw new Error(`the file does not validate: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  }
  started = performance.now();
  const result = await importFile({ db, catalog }, { kind, bytes: file, fileName: 'phases.csv', by: { userId: null, username: 'phases' } });
  const total = ms(started);
  if (result.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(result).slice(0, 300)}`);
  totals.push(total);
  console.log(
    `run ${run}: read ${read} ms, validate ${validate} ms (alone); importFile ${total} ms = ${Math.round((rows / total) * 1000)} rows/s` +
      ` (total − read − validate: ${total - read - validate} ms)`,
  );
  await db(kind).where({ dataset_id: result.dataset }).delete();
  await db('dataset').where({ id: result.dataset }).delete();
  // What autovacuum would do between imports (the test server runs with it off): without it every run
  // leaves 100k dead rows and 150k dead target groups in the indexes the next run writes into.
  if (db.client.config.client === 'pg') await db.raw('VACUUM participation, participation_target_group, consultation');
}
totals.sort((a, b) => a - b);
console.log(`importFile: best ${totals[0]} ms (${Math.round((rows / totals[0]) * 1000)} rows/s), median ${totals[Math.floor(totals.length / 2)]} ms (${Math.round((rows / totals[Math.floor(totals.length / 2)]) * 1000)} rows/s)`);
await db.destroy();
