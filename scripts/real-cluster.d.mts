/** Types for real-cluster.mjs (the real MariaDB primary + replica, exporters and Prometheus). */
import type { Connection } from 'mysql2/promise';

export const SCRAPE_CONFIG: string;
export const TARGET_FILES: { mysqld: string; node: string };
export const DATA_MOUNTPOINT: string;
export const SCHEMA: string;

export interface RealHost {
  name: 'primary' | 'replica';
  /** Host name in both its exporters' `instance` (`mysql-primary:9104`, `…:9100`); `Tablet.scrape.host`. */
  host: string;
  /** This host's root as its node_exporter sees it (`--path.rootfs`). */
  root: string;
  dataDir: string;
  socket: string;
  /** Where node_exporter reports the data volume (`/var/lib/mysql`). */
  mountpoint: string;
  /** The data volume's block device as diskstats names it (`loop3`). */
  device: string;
  /** TCP port (the primary only: the replica connects to it). */
  port?: number;
  mysqldExporter: string;
  nodeExporter: string;
}

export interface RealCluster {
  dir: string;
  prometheusUrl: string;
  scrapeIntervalSeconds: number;
  replicationDelaySeconds: number;
  primary: RealHost;
  replica: RealHost;
  /** A root connection on a host's socket, closed by stop(). */
  connect(socket: string): Promise<Connection>;
  startReplication(): Promise<unknown>;
  stopReplication(): Promise<unknown>;
  stop(): Promise<void>;
}

export function startRealCluster(options?: {
  replicationDelaySeconds?: number;
  scrapeIntervalSeconds?: number;
  configFile?: string;
  log?: (message: string) => void;
}): Promise<RealCluster>;
