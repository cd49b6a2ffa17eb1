// The shard stack's heat strip: the current grid's shards with their means over the window, reduced to a few pixels
// so that one hot shard of 1 024 still shows, in runs of one colour.
import { describe, expect, it } from 'vitest';
import { heatmapGeometry } from '../../src/chart/heatmap/geometry.js';
import { colourScale, packRgb } from '../../src/chart/heatmap/scale.js';
import { heatStrip, stripDomain, stripRuns } from '../../src/chart/heatmap/strip.js';
import { HEATMAP_UNITS, parseKeyspaceHeatmap } from '../../src/model/heatmap.js';
import { evenKeyRanges } from '../../src/model/key-range.js';

const T0 = 1_767_225_600;

function heatmapOf(names: string[], columns: number, value: (shard: number, step: number) => number) {
  const values = new Float32Array(names.length * columns);
  names.forEach((_, s) => {
    for (let t = 0; t < columns; t++) values[s * columns + t] = value(s, t);
  });
  const timestamps = Float64Array.from({ length: columns }, (_, t) => T0 + 15 * t);
  return parseKeyspaceHeatmap({ metric: 'queries', unit: HEATMAP_UNITS.queries, timestamps, shards: names.map((name) => ({ name })), values });
}

const colours = { lowIsDark: true, noData: [40, 40, 40], gap: [250, 0, 0], gapStripe: [200, 0, 0] } as const;

describe('heat strip', () => {
  it('the current grid, each shard with its mean over the samples it has; the hottest against the median', () => {
    // -80 and 80- end after step 1 (a reshard): their targets take over. 80-c0 missed the last step's sample.
    const names = ['-80', '80-', '-40', '40-80', '80-c0', 'c0-'];
    const heatmap = heatmapOf(names, 4, (s, t) => (s < 2 ? (t < 2 ? 100 : NaN) : t < 2 ? NaN : s === 4 ? (t === 2 ? 900 : NaN) : 10 + s));
    const strip = heatStrip(heatmap, heatmapGeometry(heatmap));
    expect(strip.shards.map((s) => [s.name, s.top, s.bottom, s.value])).to.deep.equal([
      ['-40', 0, 0.25, 12], ['40-80', 0.25, 0.5, 13], ['80-c0', 0.5, 0.75, 900], ['c0-', 0.75, 1, 15],
    ]);
    expect(strip.median).to.equal(14);
    expect(strip.hottest).to.deep.equal({ name: '80-c0', value: 900, ratio: 900 / 14 });
    expect([strip.from, strip.to]).to.deep.equal([T0, T0 + 45]);
  });

  it("one hot shard of 1 024 keeps its colour in an 80-pixel strip; the rest the median shard's colour, in two runs", () => {
    const names = evenKeyRanges(1024);
    const heatmap = heatmapOf(names, 60, (s) => (s === 700 ? 5_000 : 50));
    const strip = heatStrip(heatmap, heatmapGeometry(heatmap));
    expect(strip.hottest?.name).to.equal(names[700]);
    expect(strip.hottest?.ratio).to.equal(100);
    // Colours compare with the median shard: it is a quarter of the way up the log scale, 8× above it the top.
    expect(stripDomain(strip)).to.deep.equal([25, 400]);
    const scale = colourScale({ ...colours, kind: 'log', domain: stripDomain(strip) });
    const middle = scale.lut[Math.round(0.25 * 255)];
    // Shard 700 of 1 024 is at 68.4 % of the key space: pixel 54 of 80.
    expect(stripRuns(strip, 80, scale)).to.deep.equal([
      { from: 0, to: 54, colour: middle }, { from: 54, to: 55, colour: scale.lut[255] }, { from: 55, to: 80, colour: middle },
    ]);
  });

  it('an idle keyspace (median 0) still scales to its busiest shard', () => {
    const heatmap = heatmapOf(evenKeyRanges(4), 2, (s) => (s === 3 ? 8 : 0));
    expect(stripDomain(heatStrip(heatmap, heatmapGeometry(heatmap)))).to.deep.equal([0.5, 8]);
  });

  it('key space no shard covers is the gap colour; a shard without samples the no-data colour', () => {
    const heatmap = heatmapOf(['-40', '80-'], 3, (s) => (s === 0 ? 10 : NaN));
    const strip = heatStrip(heatmap, heatmapGeometry(heatmap));
    const scale = colourScale({ ...colours, kind: 'log', domain: [1, 10] });
    expect(stripRuns(strip, 4, scale).map((r) => [r.from, r.to, r.colour])).to.deep.equal([
      [0, 1, scale.lut[255]], [1, 2, packRgb([200, 0, 0])], [2, 4, packRgb([40, 40, 40])],
    ]);
  });
});
