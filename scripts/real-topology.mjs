// The topology of the real cluster (scripts/real-cluster.mjs), as a static `Topology`: one unsharded keyspace whose
// primary and replica are the two MariaDB servers, each found in Prometheus by its host name (`Tablet.scrape.host`,
// the host in the `instance` the harness gives both exporters of a host), as a VTAdmin topology would give them. (The
// harness also labels the mysqld_exporter targets with these ids, so Prometheus alone can tell the same topology.)
// No VTGates: the harness runs MySQL only.
// Browser-safe (no Node imports): the real-data demo imports it too.

export const REAL_DATABASE = 'shop';
export const REAL_BRANCH = 'main';
export const REAL_HOSTS = { primary: 'mysql-primary', replica: 'mysql-replica' };
export const REAL_TABLETS = { primary: 'zone1-101', replica: 'zone1-102' };
export const REAL_SHARD = '-';

/** @returns {import('../src/model/types.js').Topology} */
export function realTopology() {
  const tablet = (role) => ({
    id: REAL_TABLETS[role],
    role,
    region: 'local',
    zone: 'zone1',
    readOnlyRegion: false,
    serving: true,
    scrape: { host: REAL_HOSTS[role] },
  });
  return {
    database: REAL_DATABASE,
    branch: REAL_BRANCH,
    branchKind: 'production',
    keyspace: REAL_DATABASE,
    keyspaces: [REAL_DATABASE],
    primaryRegion: { slug: 'local', name: 'This machine' },
    readOnlyRegions: [],
    vtgates: { count: 0, zones: [], region: 'local' },
    shards: [{ name: REAL_SHARD, keyRange: { start: '', end: '' }, tablets: [tablet('primary'), tablet('replica')] }],
  };
}
