/**
 * The optional heat strip on a sharded keyspace's stack node (issue 13): when the provider has `getKeyspaceHeatmap`,
 * the last minutes' queries per shard, drawn as a thin strip along the front card and said in the node's name. It
 * loads again whenever the diagram's topology does (a poll, a push) and is drawn inside the node, so the layout never
 * runs for it. Its code loads on first use. A provider without the method, an unsharded keyspace or a failed request
 * leave the stack as it was: the strip is a hint, never an error.
 */
import { nothing, type ReactiveControllerHost, type SVGTemplateResult } from 'lit';
import { ColorSchemeController } from '../../controllers/color-scheme-controller.js';
import { LoadController } from '../../controllers/load-controller.js';
import { hasMethod } from '../../controllers/provider-call.js';
import { ProviderController } from '../../controllers/provider-controller.js';
import type { HeatStrip } from '../../chart/heatmap/strip.js';
import type { Topology } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import type { ThemeColours } from '../heatmap-colours.js';

type StripCode = typeof import('./heat-strip-data.js');

interface Loaded {
  /** The keyspace the strip is of: a strip of another keyspace is not shown while the new one loads. */
  keyspace: string;
  strip: HeatStrip;
  code: StripCode;
}

export interface HeatStripOptions {
  /** The element's own provider (the page default is used when absent). */
  provider: () => DataProvider | undefined;
  topology: () => Topology | undefined;
  /** The element's `theme`: its colours are read again when it changes. */
  theme: () => string;
  /** The element's per-request timeout in ms (0 = none). */
  timeoutMs: () => number;
}

export class HeatStripController {
  private readonly loader: LoadController<[DataProvider, Topology], Loaded>;
  private colours: { key: string; value: ThemeColours } | undefined;
  private readonly scheme: ColorSchemeController;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: HeatStripOptions) {
    // `theme="auto"` follows the system: its colours change without a property changing.
    this.scheme = new ColorSchemeController(host, () => {
      this.colours = undefined;
      host.requestUpdate();
    });
    const providers = new ProviderController(host, options.provider);
    this.loader = new LoadController<[DataProvider, Topology], Loaded>(host, {
      args: () => {
        const provider = providers.provider;
        const topology = options.topology();
        if (!provider || !topology || topology.shards.length < 2 || !hasMethod(provider, 'getKeyspaceHeatmap')) return undefined;
        return [provider, topology];
      },
      load: async ([provider, topology], signal) => {
        const code = await import('./heat-strip-data.js');
        const ref = { database: topology.database, branch: topology.branch, keyspace: topology.keyspace };
        return { keyspace: topology.keyspace, strip: await code.loadHeatStrip(provider, ref, Date.now(), options.timeoutMs(), signal), code };
      },
    });
  }

  /** Resolves once the strip's newest load settled (tests, `layoutComplete`). */
  settled(): Promise<void> {
    return this.loader.settled();
  }

  /** The strip of the keyspace on screen, if it has one. */
  get strip(): HeatStrip | undefined {
    return this.current()?.strip;
  }

  /** The stack's accessible name with the strip's sentence. */
  label(name: string): string {
    const loaded = this.current();
    return loaded ? `${name}. ${loaded.code.describeHeatStrip(loaded.strip)}` : name;
  }

  /** The strip for a front card `cardHeight` tall, or nothing. */
  render(cardHeight: number): SVGTemplateResult | typeof nothing {
    const loaded = this.current();
    if (!loaded) return nothing;
    return loaded.code.renderHeatStrip(loaded.strip, cardHeight, this.themeColours(loaded.code));
  }

  private current(): Loaded | undefined {
    const loaded = this.loader.value;
    const topology = this.options.topology();
    return loaded && topology && topology.shards.length > 1 && loaded.keyspace === topology.keyspace ? loaded : undefined;
  }

  /** Read once per theme (getComputedStyle is a style pass), not on every render. */
  private themeColours(code: StripCode): ThemeColours {
    const key = `${this.options.theme()}|${this.scheme.dark}`;
    if (this.colours?.key !== key) this.colours = { key, value: code.readThemeColours(this.host) };
    return this.colours.value;
  }
}
