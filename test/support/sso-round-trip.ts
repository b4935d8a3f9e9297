import type { TestApp } from './test-app.js';

/** The public URL tests configure: never the address the hub listens on, so redirect URIs prove their origin. */
export const TEST_PUBLIC_URL = 'http://hivewatch.test.invalid:8443';

export interface Begun {
  /** `hw_sso=...` */
  flowCookie: string;
  /** Its whole Set-Cookie header (flags included). */
  flowSetCookie: string;
  /** The provider's authorization URL the hub redirected to. */
  authorizeUrl: URL;
  /** The callback the provider sent the browser back to, rewritten onto the hub's real address. */
  callbackPath: string;
}

export interface Finished {
  status: number;
  /** Where the hub sent the browser (path of the console). */
  location: string;
  /** Cookies the callback set, by name (`name=value` pairs). */
  cookies: Map<string, string>;
  /** The raw Set-Cookie headers. */
  setCookie: string[];
}

const cookiesOf = (res: Response): string[] => res.headers.getSetCookie();

/**
 * A browser's part of a provider round trip with fetch: the hub's start route, the provider's
 * authorize endpoint, then (finish) the hub's callback with the cookies the browser would send.
 */
export async function beginSso(
  hub: TestApp,
  provider: string,
  query: Record<string, string> = {},
  sessionCookie?: string,
): Promise<Begun> {
  const start = await fetch(`${hub.url}/api/v1/auth/sso/${provider}/start?${new URLSearchParams(query)}`, {
    redirect: 'manual',
    headers: sessionCookie ? { cookie: sessionCookie } : {},
  });
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const flowSetCookie = cookiesOf(start).find((c) => c.startsWith('hw_sso='));
  const flowCookie = flowSetCookie?.split(';')[0];
  if (!flowSetCookie || !flowCookie) throw new Error('start set no hw_sso cookie');
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = atProvider.headers.get('location') ?? '';
  if (atProvider.status !== 302 || !back.startsWith(`${TEST_PUBLIC_URL}/`)) {
    throw new Error(`provider answered ${atProvider.status} → ${back}`);
  }
  const callback = new URL(back);
  return { flowCookie, flowSetCookie, authorizeUrl, callbackPath: `${callback.pathname}${callback.search}` };
}

export async function finishSso(
  hub: TestApp,
  callbackPath: string,
  cookies: (string | undefined)[],
): Promise<Finished> {
  const res = await fetch(`${hub.url}${callbackPath}`, {
    redirect: 'manual',
    headers: { cookie: cookies.filter((c): c is string => !!c).join('; ') },
  });
  const setCookie = cookiesOf(res);
  const jar = new Map<string, string>();
  for (const c of setCookie) {
    const pair = c.split(';')[0]!;
    const name = pair.split('=')[0]!;
    if (pair !== `${name}=`) jar.set(name, pair);
  }
  return { status: res.status, location: res.headers.get('location') ?? '', cookies: jar, setCookie };
}

/** A whole round trip as a browser would make it. */
export async function ssoRoundTrip(
  hub: TestApp,
  provider: string,
  query: Record<string, string> = {},
  sessionCookie?: string,
): Promise<Finished> {
  const begun = await beginSso(hub, provider, query, sessionCookie);
  return finishSso(hub, begun.callbackPath, [begun.flowCookie, sessionCookie]);
}
