import { finishSso, TEST_PUBLIC_URL, type Finished } from './sso-round-trip.js';
import type { TestApp } from './test-app.js';

export interface ProviderLogin {
  username: string;
  password: string;
}

export interface OidcTrip extends Finished {
  /** The authorization URL the hub sent the browser to. */
  authorizeUrl: URL;
}

/** The provider's cookies (its session), kept between round trips like a browser would. */
export type ProviderCookies = Map<string, string>;

/**
 * A browser's whole OpenID Connect round trip with fetch: the hub's start route, the provider's
 * authorize endpoint and its own login form (posted with `login` when the provider shows it), then
 * the hub's callback (rewritten from HIVEWATCH_PUBLIC_URL onto the hub's real address).
 */
export async function oidcRoundTrip(
  hub: TestApp,
  provider: string,
  login: ProviderLogin,
  options: { query?: Record<string, string>; sessionCookie?: string; providerCookies?: ProviderCookies } = {},
): Promise<OidcTrip> {
  const jar = options.providerCookies ?? new Map<string, string>();
  const start = await fetch(
    `${hub.url}/api/v1/auth/sso/${provider}/start?${new URLSearchParams(options.query)}`,
    {
      redirect: 'manual',
      headers: options.sessionCookie ? { cookie: options.sessionCookie } : {},
    },
  );
  const location = start.headers.get('location') ?? '';
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const flowCookie = start.headers
    .getSetCookie()
    .find((c) => c.startsWith('hw_sso='))
    ?.split(';')[0];
  if (!flowCookie) {
    // the hub refused before the provider (e.g. provider-unreachable): the browser lands here
    return {
      status: 302,
      location,
      cookies: new Map(),
      setCookie: [],
      authorizeUrl: new URL(location, hub.url),
    };
  }
  const authorizeUrl = new URL(location);
  const callbackPath = await throughProvider(authorizeUrl, login, jar);
  const finished = await finishSso(hub, callbackPath, [flowCookie, options.sessionCookie]);
  return { ...finished, authorizeUrl };
}

/** Follows the provider's redirects, fills its login form, and returns the hub callback's path. */
export async function throughProvider(
  start: URL,
  login: ProviderLogin,
  jar: ProviderCookies,
): Promise<string> {
  let url = start;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const res = await providerFetch(url, jar, body);
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', url);
      if (next.href.startsWith(`${TEST_PUBLIC_URL}/`)) return `${next.pathname}${next.search}`;
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 200)}`);
    if (html.includes('role="alert"')) throw new Error('the provider refused the username or password');
    url = new URL(action, url);
    body = new URLSearchParams({ username: login.username, password: login.password });
  }
  throw new Error('too many redirects at the provider');
}

/** One request to the provider as a browser makes it: its cookies sent and kept, no redirect followed. */
export async function providerFetch(
  url: URL,
  jar: ProviderCookies,
  form?: URLSearchParams,
): Promise<Response> {
  const res = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: [...jar.values()].join('; '),
      ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: form,
  });
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0]!;
    const name = pair.split('=')[0]!;
    if (/expires=Thu, 01 Jan 1970/i.test(c) || pair === `${name}=`) jar.delete(name);
    else jar.set(name, pair);
  }
  return res;
}
