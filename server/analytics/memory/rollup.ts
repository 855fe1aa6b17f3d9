import type { Catalog } from '../../catalog/catalog';
import type { Db } from '../../db/connection';
import { loadColumnStore, type ColumnStore } from './columns';

/**
 * The in-memory rollup: the facts as columns (columns.ts), loaded from the database for one data version
 * and rebuilt when the version changes (an import or rollback through any replica). Queries wait for a
 * rebuild rather than read a stale copy; a failed load leaves them to SQL.
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
        store: loadColumnStore(this.db, version, (g) => this.catalog.targetGroups.get(g)?.parentCode ?? null).catch((error) => {
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
}
