import { parseArgs } from 'node:util';
import { loadConfig, parseDatabaseUrl, type DatabaseTarget } from '../server/config';
import { migrateLatest, openDatabase } from '../server/db/connection';
import { DEFAULT_CONSULTATIONS, DEFAULT_SCALE, MIN_SCALE, planDemo } from './demo/plan';
import { seedDemoData } from './index';
import { loadReferenceData } from './load-reference';

/*
 * Migrates, loads reference data and replaces the demo data. Every argument is checked before the
 * database is touched; a bad one gets its reason, the usage and exit code 1.
 */

const USAGE = `Usage: npm run seed -- [--scale N] [--consultations M] [--database-url URL]
  --scale N           participation episodes (default ${DEFAULT_SCALE}, at least ${MIN_SCALE})
  --consultations M   consultations (default the larger of N and ${DEFAULT_CONSULTATIONS})
  --database-url URL  sqlite:<file> or postgres://… (default DATABASE_URL, as the server reads it)`;

interface CliOptions {
  help: boolean;
  scale?: number;
  consultations?: number;
  target: DatabaseTarget;
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Throws on anything the seeding would refuse, so nothing is touched before all arguments are good. */
function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      consultations: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const scale = wholeNumber('scale', values.scale);
  const consultations = wholeNumber('consultations', values.consultations);
  planDemo({ scale, consultations });
  const url = values['database-url'];
  return {
    help: values.help ?? false,
    scale,
    consultations,
    target: url === undefined ? loadConfig().database : parseDatabaseUrl(url),
  };
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const db = openDatabase(options.target);
  try {
    await migrateLatest(db);
    if (await loadReferenceData(db)) console.log('Loaded reference data.');
    const result = await seedDemoData(db, { scale: options.scale, consultations: options.consultations });
    console.log(
      `Seeded synthetic demo data into ${options.target.client === 'sqlite' ? options.target.filename : 'PostgreSQL'}: ` +
        `${result.participations.toLocaleString('en')} participation episodes, ` +
        `${result.consultations.toLocaleString('en')} consultations in ${(result.ms / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

await main();
