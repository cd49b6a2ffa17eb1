// A known load on the real cluster (scripts/real-cluster.mjs): reads and writes at fixed rates, each stream on its own
// connection, paced by a schedule (a late query is caught up, not dropped), and every completed statement recorded with
// its time, so a test compares what Prometheus shows with what was really done over the very same window.
import mysql from 'mysql2/promise';
import { SCHEMA } from './real-cluster.mjs';

/** Writes cycle through these: statements MySQL counts as Com_insert, Com_update, Com_insert, Com_delete. */
const WRITE_CYCLE = ['insert', 'update', 'insert', 'delete'];

/**
 * Starts the load. `streams` lists what to run: `{ socket, kind: 'read' | 'write', perSecond }`; writes insert rows with
 * `rowBytes` bytes of payload and delete half as many again (the storage test counts what stays). Text protocol only (no prepared statements), so each
 * statement is one Com_select / Com_insert / … in SHOW GLOBAL STATUS, the counters mysqld_exporter exports.
 */
export async function startLoad({ streams, rowBytes = 4096 }) {
  const state = { running: true, insertedRows: 0, deletedRows: 0, failures: [] };
  const payload = Buffer.alloc(rowBytes, 0x61);
  const runners = await Promise.all(streams.map(async (stream) => {
    const connection = await mysql.createConnection({ socketPath: stream.socket, user: 'root', database: SCHEMA });
    const done = [];
    const interval = 1000 / stream.perSecond;
    const started = performance.now();
    let n = 0;
    const loop = (async () => {
      while (state.running) {
        const due = started + n * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!state.running) break;
        try {
          if (stream.kind === 'read') {
            await connection.query('SELECT id, customer, total FROM orders WHERE customer = ? ORDER BY id DESC LIMIT 5', [n % 100]);
          } else {
            const op = WRITE_CYCLE[n % WRITE_CYCLE.length];
            if (op === 'insert') {
              await connection.query('INSERT INTO orders (customer, total, note) VALUES (?, ?, ?)', [n % 100, (n % 500) + 0.99, payload]);
              state.insertedRows++;
            } else if (op === 'update') {
              await connection.query('UPDATE orders SET total = total + 1 WHERE customer = ? ORDER BY id DESC LIMIT 1', [n % 100]);
            } else {
              const [result] = await connection.query('DELETE FROM orders WHERE customer = ? ORDER BY id LIMIT 1', [n % 100]);
              state.deletedRows += result.affectedRows;
            }
          }
          done.push(Date.now());
        } catch (error) {
          state.failures.push(`${stream.kind} on ${stream.socket}: ${error.message}`);
          if (state.failures.length > 20) state.running = false;
        }
        n++;
      }
    })();
    return { stream, connection, done, loop };
  }));

  return {
    /** Completed statements of each stream so far, as epoch-ms times (same order as `streams`). */
    completed: () => runners.map((r) => r.done),
    /** Statements of a stream completed in (fromMs, toMs]. */
    count(index, fromMs, toMs) {
      return runners[index].done.filter((t) => t > fromMs && t <= toMs).length;
    },
    /** Payload bytes of the rows this load inserted and did not delete again: data the primary (and then the replica) must store. */
    get netPayloadBytes() { return (state.insertedRows - state.deletedRows) * rowBytes; },
    get failures() { return state.failures; },
    async stop() {
      state.running = false;
      await Promise.all(runners.map((r) => r.loop));
      await Promise.all(runners.map((r) => r.connection.end().catch(() => r.connection.destroy())));
    },
  };
}
