import os from 'node:os';
import { parseArgs } from 'node:util';
import { Users, ROLES } from '../auth/users';
import { loadConfig } from '../config';
import { migrateLatest, openDatabase } from '../db/connection';

const USAGE = `Usage:
  npm run user -- add <username> --role MANAGER|OFFICIAL|ADMIN [--institution CODE ...]   (password on standard input)
  npm run user -- list
  npm run user -- disable <username>
  npm run user -- set-password <username>                                                (password on standard input)`;

/** Reads the password from standard input (one line), so it never shows in the process list or shell history. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, institution: { type: 'string', multiple: true } },
  });
  const [command, username] = positionals;
  const by = `cli:${os.userInfo().username}`;
  const db = openDatabase(loadConfig().database);
  try {
    await migrateLatest(db);
    const users = new Users(db);
    switch (command) {
      case 'add': {
        if (!username || !values.role) throw new Error(USAGE);
        const role = values.role.toUpperCase() as (typeof ROLES)[number];
        const user = await users.add({ username, password: await readPassword(), role, institutions: values.institution ?? [] }, by);
        console.log(`Added ${user.username} (${user.role}${user.institutions.length ? `: ${user.institutions.join(', ')}` : ''}).`);
        break;
      }
      case 'list':
        for (const u of await users.list()) {
          console.log([u.username, u.role, u.institutions.join(',') || '-', u.disabled ? 'disabled' : 'active'].join('\t'));
        }
        break;
      case 'disable':
        if (!username) throw new Error(USAGE);
        await users.disable(username, by);
        console.log(`Disabled ${username} and ended their sessions.`);
        break;
      case 'set-password':
        if (!username) throw new Error(USAGE);
        await users.setPassword(username, await readPassword(), by);
        console.log(`Set a new password for ${username} and ended their sessions.`);
        break;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
