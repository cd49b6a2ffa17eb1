/**
 * Keyboard navigation of the heatmap's cells: left/right through steps, up/down through the shards live at that step in
 * key order, PageUp/PageDown by a window, Home/End to the ends, Enter to select, Escape to reset the zoom; every move is
 * announced. Kept apart from the element, which only renders.
 */
import type { ReactiveControllerHost } from 'lit';
import { liveRows, type HeatmapRow } from '../../chart/heatmap/geometry.js';
import type { HeatmapView } from '../../chart/heatmap/raster.js';
import { windowSteps } from '../../chart/heatmap/stats.js';
import type { PreparedHeatmap } from './prepare.js';

/** A cell: the shard's index in the heatmap and a step. */
export interface FocusCell {
  shard: number;
  step: number;
}

export interface NavigationHost extends ReactiveControllerHost {
  readonly preparedData: PreparedHeatmap | undefined;
  currentView(): HeatmapView;
  announce(cell: FocusCell): void;
  selectShard(row: HeatmapRow): void;
  resetZoom(): void;
}

export class HeatmapNavigation {
  focused: FocusCell | undefined;
  private hasFocus = false;

  constructor(private readonly host: NavigationHost) {}

  /** New data: forget the cell (its shard may be gone). */
  reset(): void {
    this.focused = undefined;
  }

  /** Focus lands on the hottest shard at the last step of the view, where an incident is. */
  onFocus(): void {
    this.hasFocus = true;
    const prepared = this.host.preparedData;
    if (!prepared || this.focused) return;
    const view = this.host.currentView();
    const step = view.to - 1;
    const rows = this.rowsAt(step, view);
    const hottest = prepared.summary?.hottest?.row;
    const row = (hottest && rows.includes(hottest) ? hottest : undefined) ?? rows[0];
    if (!row) return;
    this.move({ shard: row.shard, step });
  }

  onBlur(): void {
    this.hasFocus = false;
    this.focused = undefined;
    this.host.requestUpdate();
  }

  onKeyDown(event: KeyboardEvent): void {
    const prepared = this.host.preparedData;
    const cell = this.focused;
    if (!prepared) return;
    if (event.key === 'Escape') {
      this.host.resetZoom();
      event.preventDefault();
      return;
    }
    if (!cell) return;
    const view = this.host.currentView();
    const page = windowSteps(view.to - view.from);
    let { step } = cell;
    const rows = this.rowsAt(step, view);
    let index = rows.findIndex((row) => row.shard === cell.shard);
    switch (event.key) {
      case 'ArrowLeft': step -= 1; break;
      case 'ArrowRight': step += 1; break;
      case 'PageUp': step -= page; break;
      case 'PageDown': step += page; break;
      case 'Home': step = view.from; break;
      case 'End': step = view.to - 1; break;
      case 'ArrowUp': index -= 1; break;
      case 'ArrowDown': index += 1; break;
      case 'Enter':
      case ' ': {
        const row = prepared.geometry.rows.find((r) => r.shard === cell.shard);
        if (row) this.host.selectShard(row);
        event.preventDefault();
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    step = Math.min(view.to - 1, Math.max(view.from, step));
    const current = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!current) return;
    // Across a grid change the shard may not exist at the new step: take the live shard holding the same keys.
    const next = this.rowsAt(step, view);
    const middle = (current.top + current.bottom) / 2;
    const row = next.find((r) => r.shard === current.shard) ?? next.find((r) => r.top <= middle && middle < r.bottom) ?? next[0];
    if (row) this.move({ shard: row.shard, step });
  }

  private rowsAt(step: number, view: HeatmapView): HeatmapRow[] {
    const prepared = this.host.preparedData;
    if (!prepared) return [];
    return liveRows(prepared.geometry, step).filter((row) => row.bottom > view.top && row.top < view.bottom);
  }

  private move(cell: FocusCell): void {
    this.focused = cell;
    if (this.hasFocus) this.host.announce(cell);
    this.host.requestUpdate();
  }
}
