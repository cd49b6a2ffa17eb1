// Big Prometheus answers (issue 15, case 6): a matrix of 200 series × 11 000 samples (≈ 20 MB of JSON) is read in
// slices of bounded work, never in one go; what comes out is what the answer says.
import { describe, expect, it } from 'vitest';
import { Slices } from '../../src/model/slices.js';
import { decodeMatrix } from '../../src/providers/prometheus/decode.js';

/** Slices that end after `maxWork` whatever the clock says, recording the work done in each. */
function countingSlices(maxWork: number) {
  const work: number[] = [0];
  const slices = new Slices({ maxWork, now: () => 0, yieldToPage: async () => void work.push(0) });
  const due = slices.due.bind(slices);
  slices.due = (amount = 1) => {
    work[work.length - 1] += amount;
    return due(amount);
  };
  return { slices, work };
}

describe('decodeMatrix on a big answer', () => {
  it('reads 200 series × 11 000 samples in slices of at most 20 000 samples (plus one look\'s worth)', async () => {
    // The shape of Prometheus' query_range answer (web/api/v1/api.go, queryData; promql.Matrix with string values).
    const result = Array.from({ length: 200 }, (_, s) => ({
      metric: { __name__: 'vttablet_queries_count', instance: `10.0.${s}.7:15000` },
      values: Array.from({ length: 11_000 }, (_, k) => [1_700_000_000 + k * 15, k === 5 ? '+Inf' : String((s + k) % 97)]),
    }));
    const answer = { ok: true, status: 200, excerpt: '', body: { status: 'success', data: { resultType: 'matrix', result } } };
    const { slices, work } = countingSlices(20_000);
    const decoded = await decodeMatrix(answer, 'vttablet_queries_count', slices);
    expect(decoded.result).toHaveLength(200);
    expect([decoded.result[7].times[6], decoded.result[7].values[6]]).toEqual([1_700_000_000 + 6 * 15, (7 + 6) % 97]);
    expect(decoded.result[7].times).toHaveLength(11_000);
    expect(Number.isNaN(decoded.result[7].values[5])).toBe(true);
    expect(decoded.result[7].infinite).toBe(1);
    expect(work.length).toBeGreaterThan(100);
    expect(Math.max(...work)).toBeLessThanOrEqual(20_000 + 4096);
  }, 30_000);

  it('still names the bad sample of a big answer', async () => {
    const values = Array.from({ length: 9_000 }, (_, k) => [1_700_000_000 + k, '1']);
    values[8_500] = [1_700_008_500, 'one'];
    const answer = { ok: true, status: 200, excerpt: '', body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } } };
    await expect(decodeMatrix(answer, 'q')).rejects.toThrow('data.result[0].values[8500][1]: expected a sample value such as "1.5", got "one"');
  });
});
