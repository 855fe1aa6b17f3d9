/** A response's Server-Timing header (server/http/server-timing.ts) as its parts' durations in ms, by name. */
export const serverTimingParts = (header: string | null): Record<string, number> =>
  Object.fromEntries((header ?? '').split(',').map((part) => /^\s*([\w-]+);dur=([\d.]+)/.exec(part)).filter((m) => m !== null).map((m) => [m[1], Number(m[2])]));

/** A server's GET /metrics as numbers by name (Prometheus text format, one sample per line). */
export async function readMetrics(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
}
