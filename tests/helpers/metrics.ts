/** A server's GET /metrics as numbers by name (Prometheus text format, one sample per line). */
export async function readMetrics(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
}
