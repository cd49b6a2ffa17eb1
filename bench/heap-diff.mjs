#!/usr/bin/env node
// Compares two heap snapshots (bench/run.mjs --snapshots=dir): which kinds of object grew between them, by self size
// and by count. Usage: node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]
// A heap figure that rises says how much; this says what: objects are grouped by type and constructor (strings, code
// and arrays by type, since their names are their contents).
import { readFile } from 'node:fs/promises';

const [beforePath, afterPath, rowsArg] = process.argv.slice(2);
if (!afterPath) {
  console.error('usage: node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]');
  process.exit(2);
}

/** Self size and count per group of one snapshot. */
async function groups(path) {
  const { snapshot, nodes, strings } = JSON.parse(await readFile(path, 'utf8'));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [TYPE, NAME, SIZE] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byName = new Set(['object', 'closure', 'native', 'hidden', 'synthetic']);
  const totals = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + TYPE]];
    const key = byName.has(type) ? `${type}: ${strings[nodes[i + NAME]].slice(0, 80)}` : type;
    const entry = totals.get(key) ?? { size: 0, count: 0 };
    entry.size += nodes[i + SIZE];
    entry.count++;
    totals.set(key, entry);
  }
  return totals;
}

const [before, after] = await Promise.all([groups(beforePath), groups(afterPath)]);
const keys = new Set([...before.keys(), ...after.keys()]);
const zero = { size: 0, count: 0 };
const rows = [...keys].map((key) => {
  const a = before.get(key) ?? zero;
  const b = after.get(key) ?? zero;
  return { key, sizeKB: (b.size - a.size) / 1024, count: b.count - a.count, afterKB: b.size / 1024 };
}).sort((x, y) => Math.abs(y.sizeKB) - Math.abs(x.sizeKB));
const total = (m) => [...m.values()].reduce((s, e) => s + e.size, 0) / 2 ** 20;
console.log(`total self size: ${total(before).toFixed(2)} MB → ${total(after).toFixed(2)} MB`);
console.table(Object.fromEntries(rows.slice(0, Number(rowsArg ?? 30)).map((r) => [r.key, {
  'Δ KB': Number(r.sizeKB.toFixed(1)), 'Δ count': r.count, 'after KB': Number(r.afterKB.toFixed(1)),
}])));
