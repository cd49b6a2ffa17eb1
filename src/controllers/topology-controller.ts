/**
 * Keeps an element's `Topology` current from either source it may have: a provider (loaded, pushed by `watch`,
 * polled by `refresh`) or plain data set by the page (validated, so bad data shows an error and keeps the last good one).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DataError } from '../model/errors.js';
import { parseTopology, parseTopologyInSlices } from '../model/parse.js';
import type { BranchRef, Topology } from '../model/types.js';
import type { DataProvider } from '../providers/provider.js';
import { IntervalController } from './interval-controller.js';
import { LoadController } from './load-controller.js';
import { askProvider, hasMethod } from './provider-call.js';
import { ProviderController } from './provider-controller.js';

/**
 * Topologies already validated by a controller (parsed plain data, or a provider's answer checked at the boundary):
 * when one element hands its topology to another (`ps-infrastructure` → `ps-topology`), the second need not parse
 * it again — for 1024 shards that parse alone is tens of milliseconds of main thread.
 */
const validated = new WeakSet<Topology>();

/** Above this many shards, plain topology data is checked in slices (16 384 shards took over 100 ms in one go). */
const CHECK_IN_SLICES_ABOVE = 1_000;

/** How many shards plain data says it has (0 when that cannot be read: the check will say why). */
function shardCount(input: unknown): number {
  try {
    const shards = (input as { shards?: unknown } | null)?.shards;
    return Array.isArray(shards) ? shards.length : 0;
  } catch {
    return 0;
  }
}

export interface TopologySource {
  /** The element's own provider (the page default is used when absent). */
  provider: () => DataProvider | undefined;
  /** Which branch/keyspace to load; undefined while the element lacks a database or branch. */
  ref: () => BranchRef | undefined;
  /** Plain data set on the element instead of a provider; wins over the provider when set. */
  data: () => unknown;
  /** Polling interval in ms, 0 = off. */
  refreshMs: () => number;
  /** How long one request may take, in ms (0 = no limit). */
  timeoutMs: () => number;
  onError?: (error: DataError) => void;
}

export class TopologyController implements ReactiveController {
  private readonly providers: ProviderController;
  private readonly load: LoadController<readonly [DataProvider, string, string, string], Topology>;
  private watching: { key: string; abort: AbortController } | undefined;
  private parsedData: { input: unknown; topology?: Topology; error?: DataError; checking?: Promise<void> } | undefined;
  private lastGood: Topology | undefined;
  private watchedProvider: DataProvider | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly source: TopologySource) {
    this.providers = new ProviderController(host, source.provider);
    this.load = new LoadController(host, {
      args: () => {
        const provider = this.providers.provider;
        const ref = source.ref();
        if (this.hasData || !provider || !ref) return undefined;
        return [provider, ref.database, ref.branch, ref.keyspace ?? ref.database] as const;
      },
      load: ([provider, database, branch, keyspace], signal) => askProvider(provider, 'getTopology', [{ database, branch, keyspace }], {
        signal,
        timeoutMs: source.timeoutMs(),
        what: 'the topology',
        // In slices: a topology of thousands of shards is tens of milliseconds of checks.
        check: (answer) => (validated.has(answer as Topology) ? (answer as Topology) : parseTopologyInSlices(answer)),
      }),
      onError: source.onError,
      timeoutMs: source.timeoutMs,
    });
    // Polling never cuts a slow answer short: a tick during a load asks for one more load after it.
    new IntervalController(host, () => (this.hasData ? 0 : source.refreshMs()), () => void this.load.refresh());
    host.addController(this);
  }

  /** The topology to draw: the newest good one, kept through errors and reloads. */
  get value(): Topology | undefined {
    if (this.hasData) {
      const parsed = this.parseData();
      if (parsed.topology) this.lastGood = parsed.topology;
      return this.lastGood;
    }
    if (this.load.value) {
      this.lastGood = this.load.value;
      validated.add(this.lastGood);
    }
    return this.lastGood;
  }

  get error(): DataError | undefined {
    return this.hasData ? this.parseData().error : this.load.error;
  }

  /** A load under way, or plain data of thousands of shards being checked. */
  get loading(): boolean {
    return this.hasData ? this.parsedData?.checking !== undefined : this.load.loading;
  }

  /** The load under way has taken long enough to say "still waiting…". */
  get slow(): boolean {
    return !this.hasData && this.load.loading && this.load.slow;
  }

  /** Loads again now, cancelling a load under way (Retry); plain data needs no reload. */
  reload(): Promise<void> {
    return this.hasData ? Promise.resolve() : this.load.reload();
  }

  async settled(): Promise<void> {
    await this.load.settled();
    while (this.parsedData?.checking) await this.parsedData.checking;
  }

  hostConnected(): void {
    this.syncWatch();
  }

  hostUpdated(): void {
    this.syncWatch();
  }

  hostDisconnected(): void {
    this.watching?.abort.abort();
    this.watching = undefined;
  }

  private get hasData(): boolean {
    const data = this.source.data();
    return data !== undefined && data !== null;
  }

  /**
   * Validates plain data once per object set on the element; an error is reported once too. A topology of more than
   * `CHECK_IN_SLICES_ABOVE` shards is checked in slices: until it is, the last good topology stays on screen.
   */
  private parseData(): { topology?: Topology; error?: DataError } {
    const input = this.source.data();
    const cached = this.parsedData;
    if (cached && cached.input === input) return cached;
    const done = (result: { topology?: Topology; error?: DataError }) => {
      if (result.topology) validated.add(result.topology);
      this.parsedData = { input, ...result };
      if (result.error) this.source.onError?.(result.error);
    };
    const failed = (error: unknown) => ({ error: error instanceof DataError ? error : new DataError('invalid-data', String(error)) });
    if (validated.has(input as Topology)) {
      done({ topology: input as Topology });
    } else if (shardCount(input) > CHECK_IN_SLICES_ABOVE) {
      const checking = parseTopologyInSlices(input).then((topology) => ({ topology }), failed).then((result) => {
        if (this.parsedData?.input !== input) return;
        done(result);
        this.host.requestUpdate();
      });
      this.parsedData = { input, checking };
    } else {
      try {
        done({ topology: parseTopology(input) });
      } catch (error) {
        done(failed(error));
      }
    }
    return this.parsedData!;
  }

  /** Subscribes to the provider's pushes for the current branch, replacing any older subscription. */
  private syncWatch(): void {
    const provider = this.providers.provider;
    const ref = this.source.ref();
    const key = !this.hasData && hasMethod(provider, 'watch') && ref ? `${ref.database}\u0000${ref.branch}\u0000${ref.keyspace ?? ''}` : '';
    if (this.watching?.key === key && this.watchedProvider === provider) return;
    this.watching?.abort.abort();
    this.watching = undefined;
    this.watchedProvider = provider;
    if (!key || !provider || !ref) return;
    const abort = new AbortController();
    this.watching = { key, abort };
    // Notifications are coalesced: one load at a time plus one after it, however fast they come. A push after the
    // subscription ended is ignored.
    const onChange = () => {
      if (!abort.signal.aborted) void this.load.refresh();
    };
    try {
      provider.watch!({ ...ref }, onChange, { signal: abort.signal });
    } catch {
      // A watch that throws loses push updates only; loading and polling go on.
    }
  }
}
