/**
 * Reading Prometheus HTTP API answers (`/api/v1/query_range`, `/api/v1/query`): the envelope, its errors and warnings,
 * matrices and vectors. A matrix is read in slices (`Slices`): 200 series of 11 000 samples are two million samples,
 * too many for one task on the main thread.
 */
import { DataError } from '../../model/errors.js';
import {
  childPath,
  expectArrayOf,
  expectOneOf,
  expectRecord,
  expectString,
  expected,
  invalidData,
  MAX_ARRAY_LENGTH,
  readArrayItems,
  readRecord,
  type Check,
} from '../../model/validate.js';
import { Slices } from '../../model/slices.js';
import { httpError, type JsonAnswer } from '../shared/http.js';

export type Labels = Record<string, string>;

/**
 * One series of a matrix: labels and samples, as two columns (a pair array per sample was 600 000 small objects alive
 * at once for a 20 MB answer, and a long garbage-collection pause).
 */
export interface RangeSeries {
  labels: Labels;
  /** Sample times, epoch seconds. */
  times: Float64Array;
  /** Sample values; NaN for `"NaN"` and ±Inf, which the model cannot draw. */
  values: Float64Array;
  /** How many samples were ±Inf (e.g. histogram_quantile landing in the +Inf bucket). */
  infinite: number;
}

export interface InstantSample {
  labels: Labels;
  value: number;
}

export interface Decoded<T> {
  result: T;
  warnings: string[];
}

const SOURCE = 'Prometheus';
const TEXT = expectString();

const readLabels: Check<Labels> = (value, path) => {
  const record = readRecord(value, path);
  const labels: Labels = {};
  for (const key of Object.keys(value as object)) labels[key] = record.required(key, TEXT);
  return labels;
};

/** A sample value as Prometheus writes it: a string holding a float, `"NaN"`, `"+Inf"` or `"-Inf"`. */
function readSampleValue(value: unknown, path: string): number {
  if (typeof value !== 'string') throw expected(path, 'a sample value as a string such as "1.5"', value);
  if (value === '+Inf' || value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  if (value === 'NaN') return NaN;
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) throw expected(path, 'a sample value such as "1.5"', value);
  return number;
}

/** `[<epoch seconds>, "<value>"]`. Answers come from JSON.parse (plain arrays, no getters), so this reads them directly: it runs up to 11 000 times per series. */
function readSample(value: unknown, pathOf: () => string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw expected(pathOf(), 'a [time, "value"] pair', value);
  const time: unknown = value[0];
  if (typeof time !== 'number' || !Number.isFinite(time)) throw expected(childPath(pathOf(), 0), 'epoch seconds', time);
  const text: unknown = value[1];
  // The common case, a plain decimal, without building a path.
  const number = typeof text === 'string' && text !== '' ? Number(text) : NaN;
  return [time, Number.isNaN(number) ? readSampleValue(text, childPath(pathOf(), 1)) : number];
}

/** Samples read between two looks at the slice's clock. */
const SAMPLES_PER_LOOK = 4096;

async function readRangeSeries(value: unknown, path: string, slices: Slices): Promise<RangeSeries> {
  const r = readRecord(value, path);
  const labels = r.required('metric', readLabels);
  const valuesPath = childPath(r.path, 'values');
  const pairs = r.get('values');
  if (!Array.isArray(pairs)) throw expected(valuesPath, 'an array of [time, "value"] pairs', pairs);
  if (pairs.length > MAX_ARRAY_LENGTH) throw invalidData(valuesPath, `expected at most ${MAX_ARRAY_LENGTH} samples, got ${pairs.length}`);
  let infinite = 0;
  const times = new Float64Array(pairs.length);
  const values = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    if (i % SAMPLES_PER_LOOK === SAMPLES_PER_LOOK - 1 && slices.due(SAMPLES_PER_LOOK)) await slices.pause();
    const [time, sample] = readSample(pairs[i], () => childPath(valuesPath, i));
    times[i] = time;
    if (sample === Infinity || sample === -Infinity) {
      infinite++;
      values[i] = NaN;
    } else {
      values[i] = sample;
    }
  }
  if (slices.due(pairs.length % SAMPLES_PER_LOOK)) await slices.pause();
  return { labels, times, values, infinite };
}

const readInstantSample = expectRecord((r): InstantSample => {
  const [, value] = readSample(r.get('value'), () => childPath(r.path, 'value'));
  return { labels: r.required('metric', readLabels), value };
});

/**
 * The `data.result` of an answer whose `resultType` must be `type`, and its warnings; rejects with a DataError
 * carrying Prometheus' own `errorType`/`error` text (and the query, which is what the user will want to fix).
 */
function decodeAnswer<T>(answer: JsonAnswer, query: string, type: 'matrix' | 'vector', readResult: Check<T>): Decoded<T> {
  const body = answer.body;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const status = isObject ? (body as Record<string, unknown>).status : undefined;
  if (status === 'error' || (!answer.ok && isObject && typeof (body as Record<string, unknown>).error === 'string')) {
    const envelope = readRecord(body, '');
    const errorType = envelope.optional('errorType', TEXT) ?? 'error';
    const message = envelope.optional('error', TEXT) ?? 'no message';
    const text = `Prometheus rejected the query (${errorType}): ${message} — query: ${query}`;
    // Prometheus answers errors with 400/422/503; a 200 with status "error" is a broken proxy, still an error of the server.
    throw new DataError(answer.status === 404 ? 'not-found' : 'http', text, { status: answer.status });
  }
  if (!answer.ok) throw httpError(SOURCE, answer.status, answer.excerpt);
  const envelope = readRecord(body, '');
  envelope.required('status', expectOneOf(['success']));
  const warnings = envelope.optional('warnings', expectArrayOf(TEXT)) ?? [];
  const data = envelope.required('data', expectRecord((d) => d));
  data.required('resultType', expectOneOf([type]));
  return { result: data.required('result', readResult), warnings };
}

/** A matrix answer, read in slices (the page gets a turn between them). */
export async function decodeMatrix(answer: JsonAnswer, query: string, slices = new Slices()): Promise<Decoded<RangeSeries[]>> {
  const decoded = decodeAnswer(answer, query, 'matrix', async (value, path) => {
    const series: RangeSeries[] = [];
    for (const [i, item] of readArrayItems(value, path).entries()) series.push(await readRangeSeries(item, childPath(path, i), slices));
    return series;
  });
  return { result: await decoded.result, warnings: decoded.warnings };
}

export function decodeVector(answer: JsonAnswer, query: string): Decoded<InstantSample[]> {
  return decodeAnswer(answer, query, 'vector', expectArrayOf(readInstantSample));
}

/** `{cell="zone1", keyspace="commerce"}` without the metric name, for telling apart several series of one query. */
export function formatLabels(labels: Labels): string {
  const parts = Object.keys(labels)
    .filter((key) => key !== '__name__')
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return parts.length ? `{${parts.join(', ')}}` : '';
}
