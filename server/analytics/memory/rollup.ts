import type { Catalog } from '../../catalog/catalog';
import type { Db } from '../../db/connection';
import { loadColumnStore, type ColumnStore } from './columns';
import { loadSnapshot, saveSnapshot } from './snapshot';

/**
 * The in-memory rollup: the facts as columns (columns.ts) for one data version. It comes from the saved
 * snapshot when that was built from the current version, else it is built from the facts and saved. A
 * new version (an import or rollback through any replica) rebuilds it; queries wait for that rather
 * than read a stale copy, and a failed load leaves them to SQL.
 */
export class Rollup {
  private current: { version: string; store: Promise<ColumnStore | undefined> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get(version: string): Promise<ColumnStore | undefined> {
    if (this.current?.version !== version) {
      const current = {
        version,
        store: this.load(version).catch((error) => {
          this.onError(error);
          // Try again on the next query instead of leaving this version to SQL for good.
          if (this.current === current) this.current = undefined;
          return undefined;
        }),
      };
      this.current = current;
    }
    return this.current.store;
  }

  private async load(version: string): Promise<ColumnStore> {
    const saved = await loadSnapshot(this.db, version);
    if (saved) return saved;
    return this.rebuild(version);
  }

  /** Builds the columns from the facts and saves them as the snapshot of this version. */
  async rebuild(version: string): Promise<ColumnStore> {
    const store = await loadColumnStore(this.db, version, (g) => this.catalog.targetGroups.get(g)?.parentCode ?? null);
    await saveSnapshot(this.db, store);
    return store;
  }
}
