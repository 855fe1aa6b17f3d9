import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Catalog } from '../catalog/catalog';
import { loadConfig } from '../config';
import { migrateLatest, openDatabase } from '../db/connection';
import { importFile } from '../import/importer';
import { MAX_UPLOAD_BYTES } from '../import/routes';
import { isImportKind } from '../import/templates';

const SHOWN_ERRORS = 50;

/** `npm run import -- <file> --kind participation|consultation`: the same validation and transaction as the web upload. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { kind: { type: 'string' } } });
  const [file] = positionals;
  if (!file || !isImportKind(values.kind)) {
    console.error('Usage: npm run import -- <file.csv|file.xlsx> --kind participation|consultation');
    return 2;
  }
  const size = fs.statSync(file).size;
  if (size > MAX_UPLOAD_BYTES) {
    console.error(`${file} is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit; split it.`);
    return 1;
  }
  const db = openDatabase(loadConfig().database);
  try {
    await migrateLatest(db);
    const catalog = await Catalog.load(db);
    const result = await importFile(
      { db, catalog },
      { kind: values.kind, bytes: fs.readFileSync(file), fileName: path.basename(file), by: { userId: null, username: `cli:${os.userInfo().username}` } },
    );
    switch (result.status) {
      case 'imported':
        console.log(`Imported ${result.rows} rows as dataset ${result.dataset} (${result.replaced} replaced).`);
        return 0;
      case 'duplicate':
        console.log(`This file was already imported as dataset ${result.dataset}; nothing changed.`);
        return 0;
      case 'invalid_file':
        console.error(result.message);
        return 1;
      case 'rejected':
        for (const e of result.errors.slice(0, SHOWN_ERRORS)) console.error(`row ${e.row}, ${e.column}: ${e.message}`);
        if (result.errorCount > SHOWN_ERRORS) console.error(`…and ${result.errorCount - SHOWN_ERRORS} more.`);
        console.error(`${result.errorCount} problem(s); nothing was imported.`);
        return 1;
    }
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
