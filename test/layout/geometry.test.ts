import { describe, expect, it } from 'vitest';
import { fitTransform, nodeInDirection, readingOrder, roundedPath, zoomAt, MAX_SCALE, MIN_SCALE } from '../../src/layout/geometry.js';
import type { SceneNode } from '../../src/layout/scene.js';

const node = (id: string, x: number, y: number): SceneNode => ({ id, kind: 'tablet', x, y, width: 100, height: 50, label: { title: id, subtitle: '', name: id } });
//        gates
//       primary
//  r1     r2     ro
const nodes = [node('gates', 200, 0), node('primary', 200, 100), node('r1', 0, 200), node('r2', 200, 200), node('ro', 400, 230)];

describe('nodeInDirection', () => {
  it('moves along the layout', () => {
    expect(nodeInDirection(nodes, 'gates', 'down')?.id).toBe('primary');
    expect(nodeInDirection(nodes, 'primary', 'down')?.id).toBe('r2');
    expect(nodeInDirection(nodes, 'r2', 'up')?.id).toBe('primary');
    expect(nodeInDirection(nodes, 'r2', 'left')?.id).toBe('r1');
    expect(nodeInDirection(nodes, 'r2', 'right')?.id).toBe('ro');
    expect(nodeInDirection(nodes, 'r1', 'right')?.id).toBe('r2');
  });

  it('stays put at the edges and for unknown ids', () => {
    expect(nodeInDirection(nodes, 'gates', 'up')).toBeUndefined();
    expect(nodeInDirection(nodes, 'r1', 'left')).toBeUndefined();
    expect(nodeInDirection(nodes, 'nope', 'down')).toBeUndefined();
  });
});

it('readingOrder goes row by row, left to right', () => {
  expect(readingOrder([...nodes].reverse()).map((n) => n.id)).toEqual(['gates', 'primary', 'r1', 'r2', 'ro']);
});

describe('roundedPath', () => {
  it('draws a straight line as is and rounds corners by at most the radius', () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }])).toBe('M0 0 L0 50');
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 40 }, { x: 60, y: 40 }], 8)).toBe('M0 0 L0 32 Q0 40 8 40 L60 40');
    // A short leg limits the radius to half its length.
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 6 }, { x: 60, y: 6 }], 8)).toBe('M0 0 L0 3 Q0 6 3 6 L60 6');
    expect(roundedPath([])).toBe('');
  });
});

describe('fitTransform / zoomAt', () => {
  it('fits a large scene inside the viewport, centred, and never enlarges a small one', () => {
    expect(fitTransform({ width: 1000, height: 500 }, { width: 500, height: 500 })).toEqual({ scale: 0.5, x: 0, y: 125 });
    expect(fitTransform({ width: 100, height: 100 }, { width: 500, height: 300 })).toEqual({ scale: 1, x: 200, y: 100 });
    expect(fitTransform({ width: 100, height: 100 }, { width: 0, height: 0 })).toEqual({ scale: 1, x: 0, y: 0 });
    // A band kept clear at the top: the scene fits below it, centred in the rest.
    expect(fitTransform({ width: 400, height: 400 }, { width: 500, height: 240 }, 1, 40)).toEqual({ scale: 0.5, x: 150, y: 40 });
    expect(fitTransform({ width: 100, height: 100 }, { width: 500, height: 300 }, 1, 40)).toEqual({ scale: 1, x: 200, y: 120 });
    // Too short a viewport to spare it: the band is ignored rather than the scene shrunk to nothing.
    expect(fitTransform({ width: 100, height: 100 }, { width: 100, height: 60 }, 1, 40)).toEqual({ scale: 0.6, x: 20, y: 0 });
  });

  it('zooms around a fixed point, within limits', () => {
    const zoomed = zoomAt({ scale: 1, x: 0, y: 0 }, 2, { x: 100, y: 50 });
    expect(zoomed).toEqual({ scale: 2, x: -100, y: -50 });
    // The scene point under the pointer stays under it: (100 - x) / scale is unchanged.
    expect((100 - zoomed.x) / zoomed.scale).toBe(100);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 100, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 0.001, { x: 0, y: 0 }).scale).toBe(MIN_SCALE);
  });
});
