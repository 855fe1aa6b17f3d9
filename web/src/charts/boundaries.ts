import type { registerBoundaryMap } from './registry';

/*
 * An official boundary file is optional: whoever has one drops it at web/public/geo/municipalities.geojson
 * (features keyed by ATVK code in `atvk_code`, see the Sources page). Without it, or if it is not a
 * GeoJSON FeatureCollection, maps fall back to the centre-point layout. Whether it is there is decided
 * when the app is built (vite.config.ts), which is why the Sources page says to rebuild after adding it.
 */
const mapName = 'lv-municipalities';
let loaded: Promise<string | null> | undefined;

async function load(): Promise<string | null> {
  if (!__BOUNDARY_FILE__) return null;
  const response = await fetch(`${import.meta.env.BASE_URL}geo/municipalities.geojson`, { headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) return null;
  const geo = (await response.json().catch(() => null)) as { type?: unknown } | null;
  if (geo?.type !== 'FeatureCollection') return null;
  // ECharts only once there is a map to register (charts/registry.ts is loaded with the first chart anyway).
  const registry = await import('./registry');
  await registry.registerBoundaryMap(mapName, geo as Parameters<typeof registerBoundaryMap>[1]);
  return mapName;
}

/** The name of the registered boundary map, or null for the point layout. Fetched once per session. */
export function loadBoundaries(): Promise<string | null> {
  loaded ??= load().catch(() => null);
  return loaded;
}
