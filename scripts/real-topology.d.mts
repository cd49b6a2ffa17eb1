/** Types for real-topology.mjs (the real cluster's static topology). */
import type { Topology } from '../src/model/types.js';
export const REAL_DATABASE: string;
export const REAL_BRANCH: string;
export const REAL_HOSTS: { primary: string; replica: string };
export const REAL_TABLETS: { primary: string; replica: string };
export const REAL_SHARD: string;
export function realTopology(): Topology;
