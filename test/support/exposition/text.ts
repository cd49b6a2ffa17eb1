/**
 * Prometheus' text exposition format (prometheus/common expfmt, text_create.go): `# HELP`, `# TYPE`, then one line per
 * sample `name{label="value",…} value`, label values escaped (`\\`, `\"`, `\n`). Every exporter fixture writes through this.
 */
export type Labels = Record<string, string>;
export type Sample = [labels: Labels, value: number];

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function sampleLine(name: string, labels: Labels, value: number): string {
  const pairs = Object.entries(labels).map(([key, text]) => `${key}="${escape(text)}"`);
  const number = Number.isNaN(value) ? 'NaN' : value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);
  return `${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${number}`;
}

/** One metric family: its help, type and samples. */
export function family(name: string, type: 'counter' | 'gauge' | 'untyped', help: string, samples: Sample[]): string {
  if (samples.length === 0) return '';
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => sampleLine(name, labels, value))].join('\n') + '\n';
}

/**
 * A histogram family as client_golang writes a const histogram (prometheus/client_golang histogram.go, writeHistogram):
 * cumulative `_bucket{le}` lines ending with `le="+Inf"`, then `_sum` and `_count`.
 */
export function histogram(name: string, help: string, series: { labels: Labels; buckets: [le: number, cumulative: number][]; sum: number; count: number }[]): string {
  if (series.length === 0) return '';
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
  for (const { labels, buckets, sum, count } of series) {
    for (const [le, cumulative] of buckets) lines.push(sampleLine(`${name}_bucket`, { ...labels, le: String(le) }, cumulative));
    lines.push(sampleLine(`${name}_bucket`, { ...labels, le: '+Inf' }, count));
    lines.push(sampleLine(`${name}_sum`, labels, sum));
    lines.push(sampleLine(`${name}_count`, labels, count));
  }
  return lines.join('\n') + '\n';
}
