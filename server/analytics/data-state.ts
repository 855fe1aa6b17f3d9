import type { Db } from '../db/connection';
import type { DatasetModel } from '../catalog/models';

/**
 * What data is loaded: the datasets and a version string that changes whenever one is added or
 * removed. Read from the database on every request (a tiny table), so every replica sees an import
 * at once and caches keyed by the version never serve stale answers.
 */
export interface DataState {
  datasets: DatasetModel[];
  version: string;
}

export async function readDataState(db: Db): Promise<DataState> {
  const rows = await db('dataset').select('id', 'kind', 'synthetic', 'description', 'loaded_at', 'row_count').orderBy('id');
  const datasets = rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as DatasetModel['kind'],
    synthetic: Boolean(r.synthetic),
    description: r.description as string,
    loadedAt: r.loaded_at as string,
  }));
  const version = rows.map((r) => `${r.id}@${r.loaded_at}#${r.row_count}`).join('|');
  return { datasets, version };
}

/** The first and last dates in the data: the default period when a query names none. */
export interface Extent {
  from: string;
  to: string;
}

export async function readExtent(db: Db): Promise<Extent | undefined> {
  const [p] = await db('participation').select(
    db.raw('MIN(entry_date) AS first'),
    db.raw('MAX(entry_date) AS last_entry'),
    db.raw('MAX(exit_date) AS last_exit'),
  );
  const [c] = await db('consultation').select(db.raw('MIN(date) AS first'), db.raw('MAX(date) AS last'));
  const firsts = [p.first, c.first].filter(Boolean) as string[];
  const lasts = [p.last_entry, p.last_exit, c.last].filter(Boolean) as string[];
  if (firsts.length === 0) return undefined;
  return { from: firsts.sort()[0], to: lasts.sort().at(-1)! };
}
