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

/** Dashed horizontal lines at warning levels, labelled at the right edge; levels off the scale are skipped. */
export function thresholdsPlugin(thresholds: () => readonly ResolvedThreshold[], palette: () => ChartPalette): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u) => {
          const levels = thresholds();
          if (levels.length === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const pr = devicePixelRatio || 1;
          const colors = palette();
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.strokeStyle = colors.threshold;
          ctx.fillStyle = colors.threshold;
          ctx.lineWidth = pr;
          ctx.setLineDash([3 * pr, 3 * pr]);
          ctx.font = `${10 * pr}px ${colors.font}`;
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          const max = u.scales.y.max ?? -Infinity;
          const min = u.scales.y.min ?? Infinity;
          // Lowest level first: it is the first warning, so its label wins when labels would collide.
          let lastLabelY = Infinity;
          for (const level of [...levels].sort((a, b) => a.value - b.value)) {
            if (level.value > max || level.value < min) continue;
            const y = Math.round(u.valToPos(level.value, 'y', true)) + 0.5;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
            if (lastLabelY - y >= 14 * pr) {
              ctx.fillText(level.label, left + width - 4 * pr, y - 2 * pr);
              lastLabelY = y;
            }
          }
          ctx.restore();
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
