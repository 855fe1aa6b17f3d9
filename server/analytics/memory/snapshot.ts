import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { Dictionary, type ColumnStore, type ConsultationColumns, type Dictionaries, type ParticipationColumns } from './columns';

/*
 * The rollup saved in the database (table rollup_snapshot): one row per column, raw typed-array bytes,
 * plus the dictionaries as JSON. Loading it takes a fraction of a second where re-reading the facts takes
 * seconds; it is only used when it was built from the data version that is current now.
 */

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array;
const KINDS = { Int32Array, Uint32Array, Uint16Array, Uint8Array } as const;

/** Changes whenever the columns' layout or order does, so a snapshot saved by older code is rebuilt, not misread. */
const LAYOUT = 'v2: episodes by person, then entry';
const hashOf = (version: string) => crypto.createHash('sha256').update(`${LAYOUT}\n${version}`).digest('hex');

function columnsOf(facts: Record<string, unknown>): [string, Typed][] {
  return Object.entries(facts).filter((entry): entry is [string, Typed] => ArrayBuffer.isView(entry[1]));
}

export async function saveSnapshot(db: Db, store: ColumnStore): Promise<void> {
  const version = hashOf(store.version);
  const builtAt = new Date().toISOString();
  const dictionaries = Object.fromEntries(Object.entries(store.dict).map(([name, d]) => [name, (d as Dictionary).codes]));
  const rows = [
    { part: 'dictionaries', data: Buffer.from(JSON.stringify(dictionaries)) },
    ...(['participation', 'consultation'] as const).flatMap((fact) =>
      columnsOf(store[fact] as unknown as Record<string, unknown>).map(([name, column]) => ({
        part: `${fact}.${name}.${column.constructor.name}`,
        data: Buffer.from(column.buffer, column.byteOffset, column.byteLength),
      })),
    ),
  ];
  await db.transaction(async (trx) => {
    await trx('rollup_snapshot').delete();
    for (const row of rows) await trx('rollup_snapshot').insert({ ...row, version, built_at: builtAt });
  });
}

/**
 * The snapshot of this data version, or undefined when there is none (or another version replaced it while
 * it was being read). Read a column at a time: one driver call per part keeps each step of the event loop
 * short, where one query for every part would parse them all at once.
 */
export async function loadSnapshot(db: Db, version: string): Promise<ColumnStore | undefined> {
  const key = hashOf(version);
  const part = async (name: string) => ((await db('rollup_snapshot').where({ version: key, part: name }).first('data')) as { data: Buffer } | undefined)?.data;
  const parts: string[] = (await db('rollup_snapshot').where({ version: key }).select('part')).map((r: { part: string }) => r.part);
  const dictionaries = parts.includes('dictionaries') ? await part('dictionaries') : undefined;
  if (!dictionaries) return undefined;
  const dict = Object.fromEntries(
    Object.entries(JSON.parse(dictionaries.toString('utf8')) as Record<string, string[]>).map(([name, codes]) => {
      const d = new Dictionary();
      codes.forEach((code) => d.id(code));
      return [name, d];
    }),
  ) as unknown as Dictionaries;
  const facts: Record<'participation' | 'consultation', Record<string, Typed | number>> = { participation: {}, consultation: {} };
  for (const name of parts) {
    if (name === 'dictionaries') continue;
    const data = await part(name);
    if (!data) return undefined;
    const [fact, column, kind] = name.split('.') as ['participation' | 'consultation', string, keyof typeof KINDS];
    // Copy into a fresh, aligned buffer (a Buffer from the driver may start at any byte offset), shared with the scan workers.
    const shared = new SharedArrayBuffer(data.byteLength);
    new Uint8Array(shared).set(data);
    facts[fact][column] = new (KINDS[kind] as Int32ArrayConstructor)(shared);
  }
  facts.participation.n = (facts.participation.person as Typed | undefined)?.length ?? 0;
  facts.consultation.n = (facts.consultation.person as Typed | undefined)?.length ?? 0;
  return {
    version,
    dict,
    participation: facts.participation as unknown as ParticipationColumns,
    consultation: facts.consultation as unknown as ConsultationColumns,
  };
}
