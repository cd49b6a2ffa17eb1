// Reading a body in slices (issue 15, case 6): the text `response.text()` gives — UTF-8 split across chunks, a BOM,
// bytes that are not UTF-8 — for any chunking, and a 20 MB body never decoded in one go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Slices } from '../../src/model/slices.js';
import { getJson, readText } from '../../src/providers/shared/http.js';

/** A response whose body arrives in the given chunks. */
function chunked(chunks: Uint8Array[]): Response {
  return new Response(new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }));
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => bytes.slice(from, [...points, bytes.length][i]));
}

describe('readText', () => {
  it('reads what response.text() reads, however the body is chunked (property)', async () => {
    const bytes = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'grapheme' }).map((s) => Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s))),
    );
    await fc.assert(fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 8 }), async (body, at) => {
      expect(await readText(chunked(cut(body, at)), new Slices({ maxWork: 3 }))).toBe(await new Response(body).text());
    }), { numRuns: 300 });
  });

  it('reads a 20 MB body in slices of bounded work', async () => {
    const chunk = new TextEncoder().encode(`[1700000000,"3.1333333333333333"],`.repeat(2_000));
    let pauses = 0;
    const text = await readText(chunked(Array.from({ length: 300 }, () => chunk)), new Slices({ maxWork: 256 * 1024, now: () => 0, yieldToPage: async () => void pauses++ }));
    expect(text).toHaveLength(300 * chunk.length);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor((300 * chunk.length) / (256 * 1024 + chunk.length)));
  });

  it('falls back to text() for a stand-in response without a stream', async () => {
    expect(await readText({ body: null, text: async () => 'plain' } as unknown as Response)).toBe('plain');
  });

  it('lets getJson read a body with a BOM and multi-byte characters split across chunks', async () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"name":"zoné-€-😀"}'));
    const answer = await getJson(async () => chunked(cut(bytes, [2, 13, 16, 19, 20])), 'http://x/api', 'Test', new AbortController().signal);
    expect(answer.body).toEqual({ name: 'zoné-€-😀' });
  });
});
