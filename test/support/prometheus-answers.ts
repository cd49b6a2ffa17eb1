/**
 * A stand-in Prometheus HTTP API for browser tests (no server there): answers `/api/v1/query_range` with a matrix on
 * the asked grid and `/api/v1/query` with a vector at the asked time, in the shapes of
 * https://prometheus.io/docs/prometheus/latest/querying/api/ ("Range queries", "Instant queries"). Values come from the
 * test (`valueAt`, undefined = no sample); the provider's real decoding reads them. Real engines are tested in vitest
 * (test/providers/prometheus-presets.test.ts).
 */
export type ValueAt = (promql: string, time: number) => number | undefined;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function prometheusAnswering(valueAt: ValueAt): { fetch: (url: string) => Promise<Response>; requests: URL[] } {
  const requests: URL[] = [];
  const fetch = async (url: string) => {
    const asked = new URL(url, location.href);
    requests.push(asked);
    const p = asked.searchParams;
    const query = p.get('query') ?? '';
    if (asked.pathname.endsWith('/api/v1/query_range')) {
      const values: [number, string][] = [];
      for (let t = Number(p.get('start')); t <= Number(p.get('end')); t += Number(p.get('step'))) {
        const value = valueAt(query, t);
        if (value !== undefined) values.push([t, String(value)]);
      }
      return json({ status: 'success', data: { resultType: 'matrix', result: values.length ? [{ metric: {}, values }] : [] } });
    }
    if (asked.pathname.endsWith('/api/v1/query')) {
      const time = Number(p.get('time') ?? Date.now() / 1000);
      const value = valueAt(query, time);
      return json({ status: 'success', data: { resultType: 'vector', result: value === undefined ? [] : [{ metric: {}, value: [time, String(value)] }] } });
    }
    return json({ status: 'error', errorType: 'bad_data', error: `not served here: ${asked.pathname}` }, 400);
  };
  return { fetch, requests };
}
