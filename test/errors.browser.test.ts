// Errors a person can act on, as they appear on screen in <ps-topology> with the VTAdmin provider: each its own
// message. (The messages themselves, for every provider: test/providers/actionable-errors.test.ts.)
import { expect, waitUntil } from '@open-wc/testing';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { VTAdminProvider } from '../src/providers/vtadmin/index.js';
import type { FetchLike } from '../src/providers/shared/http.js';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

/** A VTAdmin that answers each route with `answers[route]` (JSON bodies in VTAdmin's envelope), 404 otherwise. */
function vtadminFetch(answers: Record<string, { status?: number; body: unknown }>): FetchLike {
  return async (url) => {
    const path = new URL(url, location.href).pathname.replace(/^\/vtadmin/, '');
    const answer = answers[path];
    if (!answer) return new Response('404 page not found\n', { status: 404 });
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status ?? 200 });
  };
}

const empty = { body: { result: {}, ok: true } };

async function alertOf(provider: VTAdminProvider): Promise<string> {
  const element = document.createElement('ps-topology') as PsTopology;
  Object.assign(element, { provider, database: 'commerce', branch: 'main', keyspace: 'customer' });
  element.style.width = '900px';
  document.body.append(element);
  mounted.push(element);
  await waitUntil(() => element.shadowRoot?.querySelector('[role="alert"]'), 'an error on screen', { timeout: 5000 });
  return element.shadowRoot!.querySelector('[role="alert"] .message')!.textContent!.replace(/\s+/g, ' ').trim();
}

describe('actionable errors on screen', () => {
  it('401 from the proxy in front of VTAdmin: sign in, or give the provider credentials', async () => {
    const page = { status: 401, body: '<html><body>401 Authorization Required</body></html>' };
    const text = await alertOf(new VTAdminProvider({ url: '/vtadmin', fetch: vtadminFetch({ '/api/keyspaces': page, '/api/tablets': page, '/api/gates': page, '/api/shard_replication_positions': page, '/api/workflows': page }) }));
    expect(text).to.match(/^Could not load the diagram: VTAdmin \/api\/\w+ refused the request \(HTTP 401\): it wants credentials\. Sign in/);
  });

  it('403: the credentials are not allowed', async () => {
    const page = { status: 403, body: 'Forbidden' };
    const text = await alertOf(new VTAdminProvider({ url: '/vtadmin', fetch: vtadminFetch({ '/api/keyspaces': page, '/api/tablets': page, '/api/gates': page, '/api/shard_replication_positions': page, '/api/workflows': page }) }));
    expect(text).to.contain('refused the request (HTTP 403): the credentials sent are not allowed to read this');
  });

  it('a VTAdmin on another origin that does not allow this page: the real browser refusal names --http-origin', async () => {
    // The test server under another host name is another origin, and it sends no Access-Control-Allow-Origin.
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const text = await alertOf(new VTAdminProvider({ url: `${other.origin}/vtadmin` }));
    expect(text).to.contain(`from ${location.origin}: the server is down, or it does not allow requests from this page's origin.`);
    expect(text).to.contain(`Start vtadmin with --http-origin=${location.origin}`);
  });

  it('a cluster id VTAdmin does not have: names the clusters it has', async () => {
    const fetch = vtadminFetch({
      '/api/keyspaces': empty,
      '/api/tablets': empty,
      '/api/gates': empty,
      '/api/shard_replication_positions': empty,
      '/api/workflows': empty,
      '/api/clusters': { body: { result: { clusters: [{ id: 'local', name: 'local' }] }, ok: true } },
    });
    const text = await alertOf(new VTAdminProvider({ url: '/vtadmin', cluster: 'prod', fetch }));
    expect(text).to.equal('Could not load the diagram: VTAdmin has no cluster "prod" (its clusters: "local"). Check the provider\'s `cluster` option.');
  });

  it('a keyspace with no shards yet: how shards come to exist', async () => {
    const keyspaces = { body: { result: { keyspaces: [{ cluster: { id: 'local', name: 'local' }, keyspace: { name: 'customer', keyspace: {} } }] }, ok: true } };
    const fetch = vtadminFetch({ '/api/keyspaces': keyspaces, '/api/tablets': empty, '/api/gates': empty, '/api/shard_replication_positions': empty, '/api/workflows': empty });
    const text = await alertOf(new VTAdminProvider({ url: '/vtadmin', fetch }));
    expect(text).to.equal('Could not load the diagram: Keyspace "customer" has no shards yet. Create its first shard (vtctldclient CreateShard, or start its tablets, which creates it) and the diagram appears.');
  });
});
