/**
 * What a failed PlanetScale API answer means for the person looking at the widget: each status gets its own message
 * saying what to do, with PlanetScale's own words (`{code, message}`, planetscale-go `planetscale/client.go`
 * handleResponse) after it.
 */
import { DataError } from '../../model/errors.js';
import type { JsonAnswer } from '../shared/http.js';

/** Where a request went: the route, and the names the user gave. */
export interface RequestContext {
  route: string;
  organization: string;
  database: string;
  branch: string;
  /** `…/branches/{branch}` itself: its 404 means the branch (or the database, or the organization) is unknown. */
  isBranch?: boolean;
  /** A `…/metrics` route (its 503 is "Metrics service unavailable", get_tablet_metrics responses). */
  isMetrics?: boolean;
}

/**
 * The service-token access every route this provider reads needs: `read_branch` is listed for get_branch,
 * list_keyspaces, get_keyspace, get_keyspace_rollout_status, get_tablet_metrics and get_branch_metrics (API
 * reference, "Service Token Accesses"; OAuth: the branch scope `read_branch`).
 */
export const REQUIRED_ACCESS = 'read_branch';

/** PlanetScale's rate limit as its API reference states it (api/reference/rate-limits: "600 requests per minute"). */
const RATE_LIMIT = '600 requests a minute';

/** `{code, message}` from the body, as `message (code)`; else the raw excerpt (a proxy's own page). */
function serverWords(answer: JsonAnswer): string {
  const body = answer.body as Record<string, unknown> | undefined;
  const message = typeof body?.message === 'string' ? body.message : answer.excerpt;
  const code = typeof body?.code === 'string' ? ` (${body.code})` : '';
  const text = `${message}${code}`.trim();
  return text ? ` PlanetScale said: ${text}` : '';
}

/** Seconds to wait from `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined` when absent or unreadable. */
export function retryAfterSeconds(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The DataError for a non-2xx answer. */
export function answerError(answer: JsonAnswer, at: RequestContext): DataError {
  const { status } = answer;
  const words = serverWords(answer);
  const where = `PlanetScale API ${at.route}`;
  const database = JSON.stringify(at.database);
  switch (true) {
    case status === 401:
      return new DataError(
        'http',
        `${where} answered 401 Unauthorized: the request carried no valid token. Your proxy must add the header ` +
          `"Authorization: <service token id>:<service token>" for a service token with ${REQUIRED_ACCESS} access on database ${database}.${words}`,
        { status },
      );
    case status === 403:
      return new DataError(
        'http',
        `${where} answered 403 Forbidden: the token your proxy sends may not read this. Give the service token ` +
          `${REQUIRED_ACCESS} access on database ${database} (PlanetScale → Settings → Service tokens); every route this widget reads needs it.${words}`,
        { status },
      );
    case status === 404:
      return new DataError('not-found', notFoundText(at) + words, { status });
    case status === 429: {
      const wait = retryAfterSeconds(answer.headers);
      const when = wait === undefined ? 'try again in a minute' : `try again in ${wait} s`;
      return new DataError('http', `PlanetScale's API rate limit (${RATE_LIMIT}) was reached by ${where}: ${when}.${words}`, { status });
    }
    case status === 503 && at.isMetrics:
      return new DataError('http', `PlanetScale's metrics service is unavailable (${where} answered 503); try again later.${words}`, { status });
    default:
      return new DataError('http', `${where} answered HTTP ${status}.${words}`, { status });
  }
}

/**
 * A 404 says the thing is unknown — or that the token cannot see it: "If you get a {"code":"not_found",…} response,
 * it is likely … you did not set the access permissions correctly for the service token" (api/reference/service-tokens).
 */
function notFoundText(at: RequestContext): string {
  const unseen = `or the service token your proxy sends lacks ${REQUIRED_ACCESS} access on database ${JSON.stringify(at.database)} (PlanetScale answers 404 to both).`;
  if (at.isBranch) {
    return `PlanetScale knows no branch ${JSON.stringify(at.branch)} of database ${JSON.stringify(at.database)} in organization ${JSON.stringify(at.organization)} — check the names, ${unseen}`;
  }
  if (at.isMetrics) return `PlanetScale API ${at.route} has no metrics for branch ${JSON.stringify(at.branch)} (tablet metrics are for Vitess branches only), ${unseen}`;
  return `PlanetScale API ${at.route} answered 404 Not Found: the route or what it names does not exist, ${unseen}`;
}
