import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { parseTabletScrape, parseTopology } from '../../src/model/parse.js';
import { topology } from './fixtures.js';

type Payload = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function failure(parse: () => unknown): DataError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('invalid-data');
    return error as DataError;
  }
  throw new Error('expected a DataError, but parsing succeeded');
}

describe('Tablet.scrape', () => {
  it('is kept on a tablet as a fresh object, absent fields stay absent', () => {
    const input: Payload = topology(1);
    const labels = { namespace: 'prod' };
    input.shards[0].tablets[0].scrape = { host: '10.0.0.12', port: 15000, labels };
    input.shards[0].tablets[1].scrape = { pod: 'example-vttablet-zone1-0000000101-5b5c8b7f6d' };
    const model = parseTopology(input);
    const tablets = model.shards[0].tablets;
    expect(tablets[0].scrape).toEqual({ host: '10.0.0.12', port: 15000, labels: { namespace: 'prod' } });
    expect(tablets[0].scrape!.labels).not.toBe(labels);
    expect(tablets[1].scrape).toEqual({ pod: 'example-vttablet-zone1-0000000101-5b5c8b7f6d' });
    expect('scrape' in tablets[2]).toBe(false);
  });

  it('rejects a bad port, an empty host and label names Prometheus would not accept, naming the path', () => {
    expect(failure(() => parseTabletScrape({ port: 0 }, 'scrape')).path).toBe('scrape.port');
    expect(failure(() => parseTabletScrape({ port: 15000.5 })).path).toBe('port');
    expect(failure(() => parseTabletScrape({ port: '15000' })).path).toBe('port');
    expect(failure(() => parseTabletScrape({ host: '' })).path).toBe('host');
    expect(failure(() => parseTabletScrape({ labels: { 'planetscale.com/shard': 'x-80' } })).path).toBe('labels.planetscale.com/shard');
    expect(failure(() => parseTabletScrape({ labels: { __name__: 'up' } })).path).toBe('labels.__name__');
    expect(failure(() => parseTabletScrape({ labels: { job: 1 } })).path).toBe('labels.job');
    expect(failure(() => parseTabletScrape([])).message).toMatch(/expected an object/);
  });

  it('a topology with a bad scrape names the tablet', () => {
    const input: Payload = topology(1);
    input.shards[0].tablets[1].scrape = { port: 70000 };
    expect(failure(() => parseTopology(input)).path).toBe('shards[0].tablets[1].scrape.port');
  });
});

describe('epoch milliseconds', () => {
  it('a resize time past what a Date can hold is invalid data (was shown as "Invalid time value" by ps-resize-status; fuzz seed 1921747884)', async () => {
    const { parseResizeStatus } = await import('../../src/model/parse.js');
    const status = { state: 'resizing', from: { size: 'PS-10', replicas: 2 }, to: { size: 'PS-20', replicas: 2 }, shards: [{ shard: '-', state: 'resizing', startedAt: 3.015973587656837e39 }] };
    expect(failure(() => parseResizeStatus(status)).path).toBe('shards[0].startedAt');
    expect(parseResizeStatus({ ...status, shards: [{ shard: '-', state: 'resizing', startedAt: 8.64e15 }] }).shards[0].startedAt).toBe(8.64e15);
  });
});
