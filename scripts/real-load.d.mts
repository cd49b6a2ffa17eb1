/** Types for real-load.mjs (a paced read/write load on the real cluster). */
export interface LoadStream {
  socket: string;
  kind: 'read' | 'write';
  perSecond: number;
}

export interface RunningLoad {
  /** Completed statements of each stream, as epoch-ms times (same order as `streams`). */
  completed(): number[][];
  /** Statements of stream `index` completed in (fromMs, toMs]. */
  count(index: number, fromMs: number, toMs: number): number;
  /** Payload bytes of the rows inserted and not deleted again. */
  readonly netPayloadBytes: number;
  readonly failures: string[];
  stop(): Promise<void>;
}

export function startLoad(options: { streams: LoadStream[]; rowBytes?: number }): Promise<RunningLoad>;
