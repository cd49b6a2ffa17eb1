/**
 * The one source of design tokens: global `--ps-*` custom properties with light and dark values.
 *
 * Every element adopts `themeStyles` first. Tokens are set on `:host`, so a page overrides them by styling the
 * element itself (`ps-topology { --ps-color-accent: rebeccapurple }`): outer rules on a host beat `:host` rules.
 * `theme="light|dark"` forces a scheme; `auto` (the default) follows `prefers-color-scheme`.
 */
import { css } from 'lit';

const light = css`
  color-scheme: light;
  --ps-color-bg: #ffffff;
  --ps-color-surface: #f7f8fa;
  --ps-color-surface-raised: #ffffff;
  --ps-color-border: #e3e6eb;
  --ps-color-border-strong: #c9ced6;
  --ps-color-text: #15181e;
  --ps-color-text-muted: #5b6270;
  --ps-color-accent: #2563eb;
  --ps-color-accent-soft: #e8f0fe;
  --ps-color-focus: #2563eb;
  --ps-color-primary-node: #1d4ed8;
  --ps-color-replica-node: #475569;
  --ps-color-region: #0284c7;
  --ps-color-shard: #16a34a;
  --ps-color-shard-soft: #e7f6ec;
  --ps-color-ok: #166534;
  --ps-color-warning: #b45309;
  --ps-color-warning-soft: #fef3e2;
  --ps-color-danger: #c0262d;
  --ps-color-danger-soft: #fdecec;
  --ps-color-edge: #aab1bd;
  --ps-color-grid: rgba(21, 24, 30, 0.07);
  --ps-color-threshold: rgba(180, 83, 9, 0.55);
  --ps-color-skeleton: #eceef2;
  --ps-series-1: #2563eb;
  --ps-series-2: #d97706;
  --ps-series-3: #7c3aed;
  --ps-series-4: #0d9488;
  --ps-series-5: #db2777;
  --ps-shadow: 0 1px 2px rgba(16, 24, 40, 0.06), 0 1px 3px rgba(16, 24, 40, 0.08);
`;

const dark = css`
  color-scheme: dark;
  --ps-color-bg: #0d1017;
  --ps-color-surface: #141821;
  --ps-color-surface-raised: #1a1f2a;
  --ps-color-border: #2a303c;
  --ps-color-border-strong: #3a4150;
  --ps-color-text: #e7e9ee;
  --ps-color-text-muted: #9ba3b1;
  --ps-color-accent: #6ea1ff;
  --ps-color-accent-soft: #1b2a47;
  --ps-color-focus: #8ab4ff;
  --ps-color-primary-node: #7aa7ff;
  --ps-color-replica-node: #a4afc0;
  --ps-color-region: #38bdf8;
  --ps-color-shard: #34d399;
  --ps-color-shard-soft: #0f2a20;
  --ps-color-ok: #4ade80;
  --ps-color-warning: #fbbf24;
  --ps-color-warning-soft: #33270d;
  --ps-color-danger: #f87171;
  --ps-color-danger-soft: #3a1719;
  --ps-color-edge: #4f5869;
  --ps-color-grid: rgba(231, 233, 238, 0.08);
  --ps-color-threshold: rgba(251, 191, 36, 0.5);
  --ps-color-skeleton: #222834;
  --ps-series-1: #6ea1ff;
  --ps-series-2: #f5a524;
  --ps-series-3: #b18cff;
  --ps-series-4: #2dd4bf;
  --ps-series-5: #f472b6;
  --ps-shadow: 0 1px 2px rgba(0, 0, 0, 0.4), 0 1px 3px rgba(0, 0, 0, 0.3);
`;

/** Tokens shared by every element; adopt first in `static styles`. */
export const themeStyles = css`
  :host {
    ${light}
    --ps-font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --ps-font-mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace;
    --ps-font-size: 13px;
    --ps-font-size-small: 12px;
    --ps-radius: 8px;
    --ps-radius-small: 5px;
    --ps-space: 8px;
    --ps-motion: 240ms;
    font-family: var(--ps-font-family);
    font-size: var(--ps-font-size);
    line-height: 1.4;
    color: var(--ps-color-text);
    -webkit-font-smoothing: antialiased;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --ps-motion: 0ms;
    }
  }
  @media (forced-colors: active) {
    :host {
      --ps-color-focus: Highlight;
      --ps-color-border: CanvasText;
      --ps-color-edge: CanvasText;
    }
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 2px solid var(--ps-color-focus);
    outline-offset: 2px;
  }
`;

/** Shared look of small controls (buttons, selects, inputs) so every element's controls match. */
export const controlStyles = css`
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  .ps-button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 28px;
    padding: 0 10px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-surface-raised);
    color: var(--ps-color-text);
    cursor: pointer;
    white-space: nowrap;
  }
  .ps-button:hover {
    border-color: var(--ps-color-border-strong);
  }
  .ps-button[aria-pressed='true'] {
    background: var(--ps-color-accent-soft);
    border-color: var(--ps-color-accent);
    color: var(--ps-color-accent);
  }
  .ps-button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .ps-error {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 10px;
    border: 1px solid var(--ps-color-danger);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-danger-soft);
    color: var(--ps-color-text);
    /* A message may quote a URL or a query: it wraps anywhere rather than push Retry out of the box. */
    overflow-wrap: anywhere;
  }
`;

/** Reads a resolved token off an element, for canvases (uPlot) that cannot use `var()` themselves. */
export function readToken(element: Element, name: `--ps-${string}`, fallback = ''): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}
