/**
 * A portal page: one `<ps-infrastructure>` and twenty `<ps-metric-card>`s (VTGates and the first shards' MySQL nodes)
 * refreshing every 10 s. The example page (`index.html`) and the benchmark (`bench/portal.bench.ts`) build the same
 * page with this. Only the cards near the viewport draw; the rest catch up when scrolled to.
 */
import '../../src/elements/ps-infrastructure/define.js';
import '../../src/elements/ps-metric-card/define.js';
import type { PsInfrastructure } from '../../src/elements/ps-infrastructure/ps-infrastructure.js';
import type { PsMetricCard } from '../../src/elements/ps-metric-card/ps-metric-card.js';
import type { ElementRef, Topology } from '../../src/model/types.js';
import type { DataProvider } from '../../src/providers/provider.js';

export interface PortalOptions {
  provider: DataProvider;
  /** The topology the cards are chosen from (the infrastructure element loads its own through the provider). */
  topology: Topology;
  cards?: number;
  /** Live refresh of every element (`10s`; `0` when a benchmark drives the ticks). */
  refresh?: string;
  range?: string;
  theme?: 'light' | 'dark' | 'auto';
}

export interface Portal {
  infrastructure: PsInfrastructure;
  cards: PsMetricCard[];
}

/** Fills `root` with the portal: the infrastructure on top, then a grid of cards. */
export function buildPortal(root: HTMLElement, options: PortalOptions): Portal {
  const { provider, topology, cards: count = 20, refresh = '10s', range = '6h', theme = 'auto' } = options;
  const { database, branch, keyspace } = topology;
  const infrastructure = document.createElement('ps-infrastructure');
  Object.assign(infrastructure, { provider, database, branch, keyspace, refresh, theme });

  const targets: { target: ElementRef; role?: 'primary' | 'replica' | 'rdonly'; region?: string }[] = [
    { target: { kind: 'vtgates', database, branch, keyspace } },
  ];
  for (const shard of topology.shards) {
    for (const tablet of shard.tablets) {
      targets.push({ target: { kind: 'tablet', database, branch, keyspace, shard: shard.name, tabletId: tablet.id }, role: tablet.role, region: tablet.region });
    }
  }
  const grid = document.createElement('section');
  grid.className = 'cards';
  grid.setAttribute('aria-label', 'Metrics');
  const cards = targets.slice(0, count).map(({ target, role, region }) => {
    const card = document.createElement('ps-metric-card');
    Object.assign(card, { provider, target, tabletRole: role ?? '', region: region ?? '', range, refresh, theme, expanded: true });
    return card;
  });
  grid.append(...cards);
  root.append(infrastructure, grid);
  return { infrastructure, cards };
}
