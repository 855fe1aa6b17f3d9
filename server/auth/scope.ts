import type { Viewer } from '../analytics/viewer';
import type { Catalog } from '../catalog/catalog';

/** A manager's institutions with their children and sites (IEVP includes its prisons). */
export const expandedScope = (catalog: Catalog, viewer: Viewer): Set<string> =>
  new Set(catalog.expandInstitutions(viewer.institutions, 'viewer.institutions'));
