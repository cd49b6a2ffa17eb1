/** uPlot plugins that draw warning thresholds and cluster events (resize, failover) onto a chart's canvas. */
import type uPlot from 'uplot';
import type { ClusterEvent } from '../model/types.js';
import type { ChartPalette } from './options.js';

export interface ResolvedThreshold {
  /** In data units (percent, bytes …). */
  value: number;
  label: string;
}

const EVENT_NAMES: Readonly<Record<ClusterEvent['kind'], string>> = {
  resize: 'Resize',
  failover: 'Failover',
  promotion: 'Promotion',
  other: 'Event',
};

/** The short label a marker carries on the chart; the full one is in the card's event list. */
export function markerLabel(event: ClusterEvent): string {
  return EVENT_NAMES[event.kind] ?? 'Event';
}

/**
 * Dashed horizontal lines at warning levels, labelled at the right edge; levels off the scale are skipped. The lines go
 * under the series; the labels over them, on a halo of the surface colour, so a series running along a level (storage
 * near full sits on its 90 % and 95 % lines) does not cross out its label.
 */
export function thresholdsPlugin(thresholds: () => readonly ResolvedThreshold[], palette: () => ChartPalette): uPlot.Plugin {
  /** The levels in view, lowest first, with their canvas y and whether their label has room (the lower one wins). */
  const inView = (u: uPlot) => {
    const pr = devicePixelRatio || 1;
    const max = u.scales.y.max ?? -Infinity;
    const min = u.scales.y.min ?? Infinity;
    let lastLabelY = Infinity;
    return [...thresholds()].sort((a, b) => a.value - b.value).filter((level) => level.value <= max && level.value >= min).map((level) => {
      const y = Math.round(u.valToPos(level.value, 'y', true)) + 0.5;
      // Lowest level first: it is the first warning, so its label wins when labels would collide.
      const labelled = lastLabelY - y >= 14 * pr;
      if (labelled) lastLabelY = y;
      return { y, label: level.label, labelled };
    });
  };
  /** Clipped to the plot area, in the threshold colour. */
  const drawIn = (u: uPlot, draw: (ctx: CanvasRenderingContext2D, pr: number) => void) => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.strokeStyle = ctx.fillStyle = palette().threshold;
    draw(ctx, devicePixelRatio || 1);
    ctx.restore();
  };
  return {
    hooks: {
      drawAxes: [
        (u) => {
          const levels = inView(u);
          if (levels.length === 0) return;
          const { left, width } = u.bbox;
          drawIn(u, (ctx, pr) => {
            ctx.lineWidth = pr;
            ctx.setLineDash([3 * pr, 3 * pr]);
            for (const { y } of levels) {
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + width, y);
              ctx.stroke();
            }
          });
        },
      ],
      draw: [
        (u) => {
          const labels = inView(u).filter((level) => level.labelled);
          if (labels.length === 0) return;
          const { left, width } = u.bbox;
          const colors = palette();
          drawIn(u, (ctx, pr) => {
            ctx.font = `${10 * pr}px ${colors.font}`;
            ctx.textAlign = 'right';
            ctx.textBaseline = 'bottom';
            ctx.lineJoin = 'round';
            ctx.lineWidth = 3 * pr;
            const x = left + width - 4 * pr;
            for (const { y, label } of labels) {
              ctx.strokeStyle = colors.surface;
              ctx.strokeText(label, x, y - 2 * pr);
              ctx.fillText(label, x, y - 2 * pr);
            }
          });
        },
      ],
    },
  };
}

/** Vertical lines at each event inside the x range, with a short label at the top. */
export function eventMarkersPlugin(events: () => readonly ClusterEvent[], palette: () => ChartPalette): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const list = events();
          if (list.length === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const pr = devicePixelRatio || 1;
          const colors = palette();
          const min = u.scales.x.min ?? -Infinity;
          const max = u.scales.x.max ?? Infinity;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.font = `600 ${10 * pr}px ${colors.font}`;
          ctx.textBaseline = 'top';
          for (const event of list) {
            const t = event.at / 1000;
            if (t < min || t > max) continue;
            const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
            ctx.strokeStyle = colors.marker;
            ctx.lineWidth = pr;
            ctx.setLineDash([2 * pr, 2 * pr]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            const label = markerLabel(event);
            const textWidth = ctx.measureText(label).width;
            // Flip the label to the line's left near the right edge so it stays readable.
            const textX = x + 4 * pr + textWidth > left + width ? x - 4 * pr - textWidth : x + 4 * pr;
            ctx.fillStyle = colors.surface;
            ctx.fillRect(textX - 2 * pr, top + 2 * pr, textWidth + 4 * pr, 13 * pr);
            ctx.fillStyle = colors.marker;
            ctx.fillText(label, textX, top + 3 * pr);
          }
          ctx.restore();
        },
      ],
    },
  };
}
