import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeeded } from '../../seeds';
import { testDatabases } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';
import { writeLockProbe } from '../helpers/sqlite-lock';

const TSX = path.resolve('node_modules/.bin/tsx');
const run = (url: string, args: string[], input = '') =>
  spawnSync(TSX, args, { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, input, encoding: 'utf8', timeout: 60_000 });

describe.each(testDatabases())('command-line tools on $id', (engine) => {
  let database: Awaited<ReturnType<typeof engine.create>>;
  beforeAll(async () => {
    database = await engine.create();
    await ensureSeeded(database.db);
  });
  afterAll(() => database?.drop());

  it('npm run user: add (password from standard input), list, set-password, disable', async () => {
    const add = run(database.url, ['server/cli/user.ts', 'add', 'manager.one', '--role', 'MANAGER', '--institution', 'VERTE'], 'a-long-enough-password\n');
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('Added manager.one (MANAGER: VERTE)');
    const stored = await database.db('app_user').where({ username: 'manager.one' }).first();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(run(database.url, ['server/cli/user.ts', 'list']).stdout).toMatch(/manager\.one\tMANAGER\tVERTE\tactive/);
    expect(run(database.url, ['server/cli/user.ts', 'set-password', 'manager.one'], 'another-long-password\n').status).toBe(0);
    expect((await database.db('app_user').where({ username: 'manager.one' }).first()).password_hash).not.toBe(stored.password_hash);
    expect(run(database.url, ['server/cli/user.ts', 'disable', 'manager.one']).status).toBe(0);
    expect(run(database.url, ['server/cli/user.ts', 'list']).stdout).toMatch(/manager\.one\tMANAGER\tVERTE\tdisabled/);
  });

  it.each([
    [['add', 'xavier', '--role', 'KING'], 'password-long-enough', /role must be one of MANAGER, OFFICIAL, ADMIN/],
    [['add', 'shorty', '--role', 'OFFICIAL'], 'short', /at least 12 characters/],
    [['add', 'lonely', '--role', 'MANAGER'], 'password-long-enough', /needs at least one --institution/],
    [['add', 'lost', '--role', 'MANAGER', '--institution', 'NOPE'], 'password-long-enough', /unknown institution NOPE/],
  ])('npm run user %j refuses with a clear message', (args, password, message) => {
    const result = run(database.url, ['server/cli/user.ts', ...args], `${password}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('npm run import: imports a file, and reports bad rows without importing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-cli-'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, csv('participation', [participationRow(1), participationRow(2)]));
    const ok = run(database.url, ['server/cli/import.ts', good, '--kind', 'participation']);
    expect(ok.stdout).toMatch(/Imported 2 rows as dataset import-/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, csv('participation', [participationRow(3, { gender: 'Q' })]));
    const refused = run(database.url, ['server/cli/import.ts', bad, '--kind', 'participation']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('row 2, gender: "Q" is not one of F, M, X');
    fs.rmSync(dir, { recursive: true });
  });

  it('an import killed mid-way (SIGKILL) leaves the database as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-kill-'));
    const file = path.join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => participationRow(i, { record_id: `K-${i}`, person_key: `killtest${String(i).padStart(8, '0')}` }));
    fs.writeFileSync(file, csv('participation', rows));
    const checksum = async () => {
      const counts = await Promise.all(['participation', 'participation_target_group', 'dataset', 'import_replaced_row'].map((t) => database.db(t).count({ n: '*' })));
      return JSON.stringify(counts.map((c) => Number(c[0].n)));
    };
    const before = await checksum();
    // On SQLite, whether the import's transaction holds the write lock. (The import's 64 MB page cache can keep
    // its writes until the commit, so the write-ahead log, watched here before, may grow only as the import
    // commits: the kill came too late in CI.)
    const probe = database.target.client === 'sqlite' ? writeLockProbe(database.target.filename) : undefined;

    const child = spawn(TSX, ['server/cli/import.ts', file, '--kind', 'participation'], { env: { ...process.env, DATABASE_URL: database.url }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill once rows are being written inside the import's transaction: on SQLite, once it has held the write
    // lock (taken with the first batch) for 100 ms, a fraction of the import's time for 60,000 rows.
    let lockedSince: number | undefined;
    const writing = async () => {
      if (probe) {
        lockedSince = probe.held() ? (lockedSince ?? Date.now()) : undefined;
        return lockedSince !== undefined && Date.now() - lockedSince >= 100;
      }
      const active = await database.db.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query ILIKE 'copy participation%'");
      return Number(active.rows[0].n) > 0;
    };
    const deadline = Date.now() + 60_000;
    while (!(await writing())) {
      if (Date.now() > deadline) throw new Error('the import never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    probe?.close();
    expect(await checksum()).toBe(before);
    expect(await database.db('participation').where('record_id', 'like', 'K-%').count({ n: '*' }).then((r) => Number(r[0].n))).toBe(0);
    fs.rmSync(dir, { recursive: true });
  }, 120_000);
});

