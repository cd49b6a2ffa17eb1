/** Live refresh of a sliding card, loaded with its first tick (a card over a fixed window, or with `refresh="0"`, never needs it). */
import { appendFrame, tailRange } from '../../chart/live-frames.js';
import { DataError } from '../../model/errors.js';
import type { ElementRef } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { askMetric, loadEvents, metricRange, sameEvents, track, type CardData } from './card-data.js';

/**
 * Live refresh of a sliding card: asks each metric only for samples newer than it holds and appends them, dropping
 * what slid out of the window, and asks again for the window's cluster events (a failover may just have happened).
 * Metrics in error are left for Retry; events that fail to load stay as they were. Resolves to the same object when
 * nothing changed.
 */
export async function refreshCardData(provider: DataProvider, target: ElementRef, data: CardData, now: number, signal: AbortSignal,
  timeoutMs: number): Promise<CardData> {
  const length = data.range.to - data.range.from;
  const range = { from: now - length, to: now };
  let changed = false;
  // Events that are not in when the metrics are keep the markers shown; the next tick asks again.
  const events = track(loadEvents(provider, target, range, signal, timeoutMs).catch(() => data.events));
  const metrics = await Promise.all(data.metrics.map(async (state) => {
    if (!state.frame || state.error) return state;
    const window = metricRange(state.spec, range);
    const tail = tailRange(state.frame, now, window.from);
    if (!tail) return state;
    const step = state.frame.timestamps.length >= 2 ? state.frame.timestamps[1] - state.frame.timestamps[0] : undefined;
    try {
      const fresh = await askMetric(provider, { target, metric: state.spec.id, range: tail, stepSeconds: step }, state.spec, signal, timeoutMs);
      const frame = appendFrame(state.frame, fresh, window.from);
      if (frame === state.frame) return state;
      changed = true;
      return { ...state, range: window, frame };
    } catch {
      if (signal.aborted) throw DataError.aborted();
      // A failed tick keeps what is on screen; the next tick asks again for the whole tail.
      return state;
    }
  }));
  await Promise.resolve();
  if (signal.aborted) throw DataError.aborted();
  const eventList = events.done ? events.value! : data.events;
  const eventsChanged = !sameEvents(eventList, data.events);
  if (!changed && !eventsChanged) return data;
  return { ...data, range: changed ? range : data.range, metrics, events: eventsChanged ? eventList : data.events };
}
