/** Human formatting of metric values by unit; pure, locale-aware, shared by the diagram, cards and lists. */
import type { Unit } from '../model/types.js';

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Beyond a thousand trillion a number is no measurement anyone reads (a broken source's 1e308 would print 309 digits):
 * it reads "over 1,000T".
 */
const ABSURD = 1e15;
const overOrUnder = (value: number, limit: string) => `${value < 0 ? 'under -' : 'over '}${limit}`;

const numberFormats = new Map<string, Intl.NumberFormat>();
/** `toLocaleString` builds a formatter per call; legends and axes format hundreds of numbers per frame, so reuse them. */
function number(value: number, maximumFractionDigits: number, locale?: string): string {
  if (Math.abs(value) >= ABSURD) return overOrUnder(value, '1,000T');
  const key = `${locale ?? ''}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits, minimumFractionDigits: 0 })));
  return format.format(value);
}

/** Digits that keep about three significant figures: 0.123, 1.23, 12.3, 123. */
function fractionDigits(abs: number): number {
  if (abs === 0 || abs >= 100) return 0;
  if (abs >= 10) return 1;
  if (abs >= 1) return 2;
  return 3;
}

/** `1,024`: a count in the library's English sentences, grouped by hand, because a page's first `Intl` use costs 20–40 ms of ICU setup. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 shard`, `1,024 shards`. */
export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A thousand years in seconds: any lag or latency beyond it reads "over 1,000 years". */
const MILLENNIUM = 31_557_600_000;

/** `0.4s`, `12s`, `3m 20s`, `52h 12m`, `120ms`; `—` when unknown. Used for replication lag and latency. */
export function formatSeconds(seconds: number | null | undefined, locale?: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const abs = Math.abs(seconds);
  if (abs === 0) return '0s';
  if (abs >= MILLENNIUM) return overOrUnder(seconds, '1,000 years');
  if (abs < 1) {
    const ms = seconds * 1000;
    return Math.abs(ms) < 10 ? `${number(ms, 1, locale)}ms` : `${number(ms, 0, locale)}ms`;
  }
  if (abs < 60) return `${number(seconds, abs < 10 ? 1 : 0, locale)}s`;
  if (abs < 3600) {
    const minutes = Math.floor(abs / 60);
    const rest = Math.round(abs % 60);
    return `${seconds < 0 ? '-' : ''}${minutes}m${rest ? ` ${rest}s` : ''}`;
  }
  const hours = Math.floor(abs / 3600);
  const minutes = Math.round((abs % 3600) / 60);
  return `${seconds < 0 ? '-' : ''}${hours}h${minutes ? ` ${minutes}m` : ''}`;
}

/**
 * Replication lag for the diagram: `0.4s`, `12s`, `—`; sub-second lag stays in seconds to be read at a glance. A
 * negative lag is no lag: it reads `invalid`, on screen as to screen readers (`describeLag`).
 */
export function formatLag(seconds: number | null | undefined, locale?: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 0) return 'invalid';
  if (seconds < 0.05) return '0s';
  if (seconds < 60) return `${number(seconds, seconds < 10 ? 1 : 0, locale)}s`;
  return formatSeconds(seconds, locale);
}

/** Spoken form of a lag for accessible names: "0.4 seconds", "unknown", "invalid", "over 1,000 years". */
export function describeLag(seconds: number | null | undefined, locale?: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  if (seconds < 0) return 'invalid';
  if (seconds >= MILLENNIUM) return overOrUnder(seconds, '1,000 years');
  const value = number(seconds, seconds < 10 ? 1 : 0, locale);
  return `${value} ${value === '1' ? 'second' : 'seconds'}`;
}

/** `512 B`, `1.5 GiB` (IEC, powers of 1024). */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < IEC.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${bytes < 0 ? '-' : ''}${number(value, unit === 0 ? 0 : fractionDigits(value), locale)} ${IEC[unit]}`;
}

/** `1.2k`, `3.4M`: compact counts for axes and rates. */
export function formatCompact(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs < 1000 || abs >= ABSURD) return number(value, fractionDigits(abs), locale);
  return value.toLocaleString(locale, { notation: 'compact', maximumFractionDigits: 1 });
}

/** A value with its unit, for legends, tooltips and summaries. */
export function formatValue(value: number, unit: Unit, locale?: string): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'seconds':
      return formatSeconds(value, locale);
    case 'bytes':
      return formatBytes(value, locale);
    case 'percent':
      return `${number(value, Math.abs(value) < 10 ? 1 : 0, locale)}%`;
    case 'per_second':
      return `${formatCompact(value, locale)}/s`;
    case 'iops':
      return `${formatCompact(value, locale)} IOPS`;
    case 'cores':
      return `${number(value, 2, locale)} cores`;
    case 'count':
      return formatCompact(value, locale);
  }
}

/** Axis labels: like `formatValue` but shorter (rates drop their `/s`, the chart title carries it). */
export function formatAxisValue(value: number, unit: Unit, locale?: string): string {
  if (unit === 'per_second' || unit === 'iops' || unit === 'count') return formatCompact(value, locale);
  if (unit === 'cores') return number(value, 2, locale);
  return formatValue(value, unit, locale);
}

const DAY_SECONDS = 86_400;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/**
 * A time-axis tick in the reader's locale: clock times when ticks are under a day apart (`14:30`, `2:30 PM`),
 * dates otherwise (`Nov 28`, `28 nov.`); midnight ticks of a sub-day axis show the date so days stay legible.
 */
export function formatTimeTick(epochSeconds: number, tickSpacingSeconds: number, locale?: string, timeZone?: string): string {
  const date = new Date(epochSeconds * 1000);
  if (tickSpacingSeconds >= DAY_SECONDS) return dateFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(date);
  const clock = dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).formatToParts(date);
  const hour = clock.find((p) => p.type === 'hour')?.value;
  const minute = clock.find((p) => p.type === 'minute')?.value;
  if (tickSpacingSeconds >= 3600 && minute === '00' && (hour === '00' || hour === '0' || hour === '12' && clock.some((p) => p.type === 'dayPeriod' && /a/i.test(p.value)))) {
    return dateFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(date);
  }
  return clock.map((p) => p.value).join('');
}

/** `05:36:25 PM`, `17:36:25`: a time of day to the second, in the reader's locale; `—` for a time no Date can hold (Intl throws on those). */
export function formatTimeOfDay(epochSeconds: number, locale?: string): string {
  const date = new Date(epochSeconds * 1000);
  if (Number.isNaN(date.getTime())) return '—';
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

/** A full instant for tooltips and tables: `Nov 28, 14:30:10` in the reader's locale. */
export function formatTimestamp(epochSeconds: number, locale?: string, timeZone?: string): string {
  return dateFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone })
    .format(new Date(epochSeconds * 1000));
}

/** A ratio to a median: `1.5×`, `12×`, or `far above` when the median is zero. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? 'far above' : '—';
  return `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×`;
}
