/**
 * `JSON.parse` for answers too big to parse in one task (a 14 MB Prometheus answer took 1.45 s of main thread in one
 * go): the text is cut along its own structure — the members of a big object, the elements of a big array, down to
 * pieces of at most `piece` characters — and each piece goes to the native `JSON.parse`, with the page given a turn
 * between slices (`Slices`). The value is the one `JSON.parse` gives (same keys, same order, `__proto__` an own key), and text that is not JSON
 * is rejected with a `SyntaxError`.
 */
import { throwIfAborted } from './errors.js';
import { Slices } from './slices.js';

export interface JsonSliceOptions {
  slices?: Slices;
  /** Longest text given to `JSON.parse` at once (default 64 K characters). */
  piece?: number;
  signal?: AbortSignal;
}

const PIECE = 64 * 1024;
/** Characters scanned between two looks at the slice's clock. */
const SCAN_STEP = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The first pass: where each container bigger than a piece starts and ends. It keeps only a stack of open containers,
 * so it is one quick loop over the text; the separators of a big container are found when it is parsed
 * (`scanSeparators`, skipping the big containers inside it), so every character is looked at twice in all.
 */
class Scan {
  position = 0;
  inString = false;
  depth = 0;
  readonly opens: number[] = [];
  /** Start → end (after the closing bracket) of every container longer than a piece. */
  readonly big = new Map<number, number>();
  error?: SyntaxError;

  constructor(private readonly text: string, private readonly piece: number) {}

  /** Scans up to `until`; false when the text is not JSON (`error` says where). */
  run(until: number): boolean {
    const { text, opens, piece, big } = this;
    let { inString, depth } = this;
    let i = this.position;
    for (; i < until; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        opens[depth++] = i;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        const start = depth > 0 ? opens[--depth] : -1;
        if (start < 0 || text.charCodeAt(start) !== (c === CLOSE_ARRAY ? OPEN_ARRAY : OPEN_OBJECT)) {
          this.error = new SyntaxError(`Unexpected token ${String.fromCharCode(c)} in JSON at position ${i}`);
          return false;
        }
        if (i + 1 - start > piece) big.set(start, i + 1);
      }
    }
    this.position = i;
    this.inString = inString;
    this.depth = depth;
    return true;
  }
}

/**
 * Scans `[from, to)` of a big container for its top-level `,` and `:`, skipping the big containers inside it; returns
 * where it stopped (a string is read to its end) and keeps the nesting depth in `state` for the next call.
 */
function scanSeparators(text: string, from: number, to: number, big: Map<number, number>, separators: number[],
  state: { depth: number; skipped: number }): number {
  let depth = state.depth;
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      const skip = big.get(i);
      if (skip !== undefined) {
        state.skipped += skip - 1 - i;
        i = skip - 1;
      } else {
        depth++;
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    } else if ((c === COMMA || c === COLON) && depth === 0) {
      separators.push(i);
    }
  }
  state.depth = depth;
  return i;
}

export async function parseJsonInSlices(text: string, options: JsonSliceOptions = {}): Promise<unknown> {
  const piece = options.piece ?? PIECE;
  if (text.length <= piece) return JSON.parse(text);
  const slices = options.slices ?? new Slices();
  const signal = options.signal;
  const step = async (work: number) => {
    if (slices.due(work)) {
      await slices.pause();
      throwIfAborted(signal);
    }
  };

  const scan = new Scan(text, piece);
  for (let at = 0; at < text.length; at += SCAN_STEP) {
    if (!scan.run(Math.min(text.length, at + SCAN_STEP))) throw scan.error;
    await step(Math.min(SCAN_STEP, text.length - at));
  }
  if (scan.inString || scan.depth !== 0) throw new SyntaxError(`Unterminated ${scan.inString ? 'string' : 'array or object'} in JSON at position ${text.length}`);

  const fail = (at: number, what: string): never => {
    throw new SyntaxError(`${what} in JSON at position ${at}`);
  };
  const parsePiece = async (start: number, end: number, open = '', close = ''): Promise<unknown> => {
    await step(end - start);
    return JSON.parse(`${open}${text.slice(start, end)}${close}`);
  };
  /** `[start, end)` with the JSON whitespace around it taken off. */
  const trim = (start: number, end: number): [number, number] => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    return [start, end];
  };

  /**
   * The members or elements of a big container, in order: runs of small ones go to `batch` as one text span (parsed
   * together, up to a piece), each big one to `single` with its member's colon (objects). Spans are not trimmed: the
   * native parser skips whitespace, and rejects what the cutting let through (`,,`, a stray `:`).
   */
  const walk = async (start: number, end: number, batch: (s: number, e: number) => Promise<void>,
    single: (s: number, colon: number, e: number) => Promise<void>): Promise<void> => {
    const separators: number[] = [];
    const state = { depth: 0, skipped: 0 };
    for (let at = start + 1; at < end - 1;) {
      const next = scanSeparators(text, at, Math.min(end - 1, at + SCAN_STEP), scan.big, separators, state);
      // The work is what was read: the big containers jumped over are read when they are parsed.
      await step(next - at - state.skipped);
      state.skipped = 0;
      at = next;
    }
    let runStart = -1;
    let runEnd = -1;
    let from = start + 1;
    let colon = -1;
    const flush = async () => {
      if (runStart < 0) return;
      // Nothing between two separators, next to a big value, is an empty element the native parser never sees.
      const [s, e] = trim(runStart, runEnd);
      if (s === e && (runStart !== start + 1 || runEnd !== end - 1)) fail(runStart, 'Unexpected token ,');
      await batch(runStart, runEnd);
      runStart = -1;
    };
    const element = async (to: number) => {
      if (to - from > piece) {
        await flush();
        await single(from, colon, to);
      } else if (runStart >= 0 && to - runStart <= piece) {
        runEnd = to;
      } else {
        await flush();
        runStart = from;
        runEnd = to;
      }
    };
    for (const at of separators) {
      if (text.charCodeAt(at) === COMMA) {
        await element(at);
        from = at + 1;
        colon = -1;
      } else if (colon < 0) {
        colon = at;
      }
    }
    await element(end - 1);
    await flush();
  };

  const parseValue = async (start: number, end: number): Promise<unknown> => {
    const bigEnd = scan.big.get(start);
    if (bigEnd === undefined) return parsePiece(start, end);
    if (bigEnd !== end) fail(bigEnd, 'Unexpected token after a value');
    if (text.charCodeAt(start) === OPEN_ARRAY) {
      const result: unknown[] = [];
      await walk(start, end, async (s, e) => {
        for (const value of (await parsePiece(s, e, '[', ']')) as unknown[]) result.push(value);
      }, async (s, _, e) => {
        result.push(await parseValue(...trim(s, e)));
      });
      return result;
    }
    const result: Record<string, unknown> = {};
    const set = (key: string, value: unknown) => Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
    await walk(start, end, async (s, e) => {
      const members = (await parsePiece(s, e, '{', '}')) as Record<string, unknown>;
      for (const key of Object.keys(members)) set(key, members[key]);
    }, async (s, colon, e) => {
      if (colon < 0) fail(s, 'Expected a colon after a property name');
      const [ks, ke] = trim(s, colon);
      const key: unknown = JSON.parse(text.slice(ks, ke));
      if (typeof key !== 'string') fail(ks, 'Expected a property name');
      const [vs, ve] = trim(colon + 1, e);
      if (vs === ve) fail(vs, 'Expected a value');
      set(key as string, await parseValue(vs, ve));
    });
    return result;
  };

  const [start, end] = trim(0, text.length);
  return parseValue(start, end);
}
