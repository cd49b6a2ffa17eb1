/** Geometry the diagram needs on top of a Scene: spatial keyboard moves, rounded edge paths and fitting into a viewport. */
import type { Point, SceneNode } from './scene.js';

export type Direction = 'up' | 'down' | 'left' | 'right';

const centre = (node: SceneNode): Point => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

/**
 * The node an arrow key moves to from `fromId`: the nearest one whose centre lies in that direction, where distance
 * across the direction costs more than distance along it (so ↓ prefers the node below over one far to the side).
 */
export function nodeInDirection(nodes: readonly SceneNode[], fromId: string, direction: Direction): SceneNode | undefined {
  const from = nodes.find((node) => node.id === fromId);
  if (!from) return undefined;
  const origin = centre(from);
  let best: SceneNode | undefined;
  let bestCost = Infinity;
  for (const node of nodes) {
    if (node === from) continue;
    const c = centre(node);
    const dx = c.x - origin.x;
    const dy = c.y - origin.y;
    const along = direction === 'down' ? dy : direction === 'up' ? -dy : direction === 'right' ? dx : -dx;
    const across = direction === 'down' || direction === 'up' ? Math.abs(dx) : Math.abs(dy);
    if (along <= 1) continue;
    const cost = along + across * 2;
    if (cost < bestCost) {
      bestCost = cost;
      best = node;
    }
  }
  return best;
}

/** Nodes as a reader scans them: top to bottom, then left to right (Home/End, and the order screen readers meet). */
export function readingOrder<T extends SceneNode>(nodes: readonly T[]): T[] {
  return [...nodes].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** An SVG path through `points` with the corners rounded by up to `radius`, for calm orthogonal connectors. */
export function roundedPath(points: readonly Point[], radius = 8): string {
  if (points.length === 0) return '';
  const parts = [`M${points[0].x} ${points[0].y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, corner, next] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, distance(prev, corner) / 2, distance(corner, next) / 2);
    const a = towards(corner, prev, r);
    const b = towards(corner, next, r);
    parts.push(`L${a.x} ${a.y}`, `Q${corner.x} ${corner.y} ${b.x} ${b.y}`);
  }
  const last = points[points.length - 1];
  if (points.length > 1) parts.push(`L${last.x} ${last.y}`);
  return parts.join(' ');
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function towards(from: Point, to: Point, length: number): Point {
  const d = distance(from, to) || 1;
  return { x: round(from.x + ((to.x - from.x) / d) * length), y: round(from.y + ((to.y - from.y) / d) * length) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

/**
 * Scale and offset that show the whole scene centred in the viewport, never enlarged past 100 %. `insetTop` px at the
 * top are kept clear (controls drawn over the diagram), unless the viewport is too short to spare them.
 */
export function fitTransform(scene: { width: number; height: number }, viewport: { width: number; height: number }, maxScale = 1, insetTop = 0): ViewTransform {
  if (scene.width <= 0 || scene.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return { scale: 1, x: 0, y: 0 };
  const top = insetTop < viewport.height / 2 ? insetTop : 0;
  const height = viewport.height - top;
  const scale = Math.min(maxScale, viewport.width / scene.width, height / scene.height);
  return { scale, x: (viewport.width - scene.width * scale) / 2, y: top + (height - scene.height * scale) / 2 };
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;

/** Zooms by `factor` keeping the point `at` (viewport coordinates) still, within MIN_SCALE…MAX_SCALE. */
export function zoomAt(view: ViewTransform, factor: number, at: Point): ViewTransform {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}
