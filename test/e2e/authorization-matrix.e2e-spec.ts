import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Every route the hub registers, with who may call it. The test enumerates the router itself, so a
 * new route that is not listed here fails the build — list it, and its guard is then checked for
 * every kind of caller:
 * - public:        anyone;
 * - authenticated: any signed-in caller (a read-scoped key only when the method does not mutate);
 * - admin:         admin role with an admin-scoped credential;
 * - session:       a signed-in console session only (the second factor belongs to a person);
 * - step-up:       admin role, and a fresh session (step-up) or an `ops`-scoped API key — an admin key,
 *                  a read key or an access token is refused (docs/security.md).
 */
type Level =
  'public' | 'authenticated' | 'admin' | 'session' | 'step-up' | 'console-step-up' | 'console-admin';
// console-step-up: step-up, but an admin's console session only: no API key, not even `ops` (terminals).
// console-admin: an admin's console session only, no step-up (terminal sessions, recordings).
const MATRIX: Record<string, Level> = {
  'GET /api/v1/health': 'public',
  'GET /api/docs-json': 'public',
  'GET /api/docs-yaml': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',

  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/login/second-factor': 'public',
  'GET /api/v1/auth/security': 'authenticated',
  'POST /api/v1/auth/step-up': 'authenticated',
  'POST /api/v1/auth/second-factor/totp': 'session',
  'POST /api/v1/auth/second-factor/totp/confirm': 'session',
  'DELETE /api/v1/auth/second-factor/totp': 'session',
  'POST /api/v1/auth/second-factor/recovery-codes': 'session',
  'GET /api/v1/settings/auth': 'admin',
  'PUT /api/v1/settings/auth': 'step-up',
  'GET /api/v1/auth/providers': 'public',
  'GET /api/v1/auth/sso/:provider/start': 'public',
  'GET /api/v1/auth/sso/:provider/callback': 'public',
  'GET /api/v1/auth/identities': 'authenticated',
  'DELETE /api/v1/auth/identities/:id': 'authenticated',
  'POST /api/v1/auth/logout': 'authenticated',
  'POST /api/v1/auth/sign-out-everywhere': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'POST /api/v1/auth/password': 'authenticated',
  'POST /api/v1/auth/token': 'authenticated',
  'GET /api/v1/auth/sessions': 'authenticated',
  'DELETE /api/v1/auth/sessions/:id': 'authenticated',

  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'DELETE /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/unlock': 'admin',

  'GET /api/v1/api-keys': 'authenticated',
  'POST /api/v1/api-keys': 'authenticated',
  'DELETE /api/v1/api-keys/:id': 'authenticated',

  'GET /api/v1/audit-logs': 'admin',

  'GET /api/v1/servers': 'authenticated',
  'POST /api/v1/servers': 'admin',
  'GET /api/v1/servers/:id': 'authenticated',
  'PATCH /api/v1/servers/:id': 'admin',
  'DELETE /api/v1/servers/:id': 'admin',
  'POST /api/v1/servers/:id/token': 'admin',
  'GET /api/v1/tags': 'authenticated',
  'GET /api/v1/servers/:id/records': 'authenticated',
  'GET /api/v1/servers/:id/live': 'authenticated',
  'GET /api/v1/settings/retention': 'authenticated',
  'GET /api/v1/cli/download': 'authenticated',
  'GET /api/v1/cli/download.sha256': 'authenticated',
  'GET /api/v1/agent/download/:file': 'public',
  'GET /api/v1/agent/install-info': 'authenticated',
  'GET /install-agent.sh': 'public',
  'PUT /api/v1/settings/retention': 'admin',

  'GET /api/v1/groups': 'authenticated',
  'POST /api/v1/groups': 'admin',
  'PATCH /api/v1/groups/:id': 'admin',
  'DELETE /api/v1/groups/:id': 'admin',

  'GET /api/v1/agents/stats': 'admin',
  'GET /api/v1/servers/:id/info': 'authenticated',
  'GET /api/v1/servers/:id/services': 'authenticated',
  'GET /api/v1/servers/:id/services/:name': 'authenticated',
  'GET /api/v1/servers/:id/services/:name/logs': 'authenticated',
  'POST /api/v1/servers/:id/services/:name/restart': 'step-up',
  'POST /api/v1/servers/:id/terminal/tickets': 'console-step-up',
  'GET /api/v1/terminal/sessions': 'console-admin',
  'DELETE /api/v1/terminal/sessions/:id': 'console-step-up',
  'GET /api/v1/terminal/sessions/:id/recording': 'console-admin',
  'GET /api/v1/terminal/settings': 'console-admin',
  'PUT /api/v1/terminal/settings': 'console-step-up',
  'POST /api/v1/commands': 'step-up',
  'GET /api/v1/commands': 'admin',
  'GET /api/v1/commands/:id': 'admin',
  'GET /api/v1/commands/:id/events': 'admin',
  'POST /api/v1/commands/:id/cancel': 'step-up',
  'GET /api/v1/tasks': 'admin',
  'POST /api/v1/tasks': 'step-up',
  'POST /api/v1/tasks/preview': 'admin',
  'GET /api/v1/tasks/:id': 'admin',
  'PATCH /api/v1/tasks/:id': 'step-up',
  'DELETE /api/v1/tasks/:id': 'step-up',
  'POST /api/v1/tasks/:id/run': 'step-up',
  'GET /api/v1/servers/:id/processes': 'authenticated',
  'GET /api/v1/servers/:id/processes/:pid': 'authenticated',
  'PUT /api/v1/servers/:id/agent-config': 'admin',

  'GET /api/v1/enrollment-keys': 'admin',
  'POST /api/v1/enrollment-keys': 'admin',
  'GET /api/v1/enrollment-keys/:id': 'admin',
  'PATCH /api/v1/enrollment-keys/:id': 'admin',
  'POST /api/v1/enrollment-keys/:id/revoke': 'admin',

  'GET /api/v1/alert-rules': 'authenticated',
  'POST /api/v1/alert-rules': 'admin',
  'GET /api/v1/alert-rules/:id': 'authenticated',
  'PATCH /api/v1/alert-rules/:id': 'admin',
  'DELETE /api/v1/alert-rules/:id': 'admin',
  'GET /api/v1/alerts': 'authenticated',
  'GET /api/v1/alerts/active': 'authenticated',
  'POST /api/v1/alerts/:id/acknowledge': 'authenticated',
  'POST /api/v1/alerts/:id/snooze': 'authenticated',
  'DELETE /api/v1/alerts/:id/snooze': 'authenticated',
  'GET /api/v1/notification-channels': 'admin',
  'POST /api/v1/notification-channels': 'admin',
  'GET /api/v1/notification-channels/:id': 'admin',
  'PATCH /api/v1/notification-channels/:id': 'admin',
  'DELETE /api/v1/notification-channels/:id': 'admin',
  'POST /api/v1/notification-channels/:id/test': 'admin',
  'GET /api/v1/notification-groups': 'authenticated',
  'POST /api/v1/notification-groups': 'admin',
  'PATCH /api/v1/notification-groups/:id': 'admin',
  'DELETE /api/v1/notification-groups/:id': 'admin',
  'GET /api/v1/notification-deliveries': 'authenticated',
  'GET /api/v1/notification-attempts': 'authenticated',
  'GET /api/v1/servers/:id/traffic': 'authenticated',
  'GET /api/v1/servers/:id/traffic/history': 'authenticated',
  'PUT /api/v1/servers/:id/traffic/settings': 'admin',
  // Docker data (src/docker)
  'GET /api/v1/servers/:id/containers': 'authenticated',
  'GET /api/v1/containers': 'authenticated',
  'GET /api/v1/servers/:id/containers/:containerId/history': 'authenticated',
  'GET /api/v1/servers/:id/docker/events': 'authenticated',
  'GET /api/v1/docker/events': 'authenticated',
  'POST /api/v1/servers/:id/containers/:containerId/actions': 'step-up',
  'GET /api/v1/servers/:id/containers/:containerId/inspect': 'admin',
  'GET /api/v1/servers/:id/containers/:containerId/logs': 'admin',
  // Status pages (src/status): admin composition; the pages and their JSON are anonymous
  'GET /api/v1/status-pages': 'admin',
  'POST /api/v1/status-pages': 'admin',
  'GET /api/v1/status-pages/:id': 'admin',
  'PUT /api/v1/status-pages/:id': 'admin',
  'DELETE /api/v1/status-pages/:id': 'admin',
  'GET /api/v1/status-pages/:id/incidents': 'admin',
  'POST /api/v1/status-pages/:id/incidents': 'admin',
  'PATCH /api/v1/status-pages/:id/incidents/:incidentId': 'admin',
  'POST /api/v1/status-pages/:id/incidents/:incidentId/updates': 'admin',
  'DELETE /api/v1/status-pages/:id/incidents/:incidentId': 'admin',
  'GET /api/v1/status-pages/:id/maintenance': 'admin',
  'POST /api/v1/status-pages/:id/maintenance': 'admin',
  'PUT /api/v1/status-pages/:id/maintenance/:windowId': 'admin',
  'DELETE /api/v1/status-pages/:id/maintenance/:windowId': 'admin',
  'GET /status/:slug': 'public',
  'GET /status/:slug/day/:date': 'public',
  'GET /api/v1/status/:slug': 'public',
  'GET /api/v1/status/:slug/day/:date': 'public',
};

/** Routes whose successful call ends the caller's own session: session callers use a fresh one. */
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/sign-out-everywhere']);
/** Routes whose successful call ends every session of the caller's user: everyone signs in again after. */
const ENDS_ALL_SESSIONS = new Set(['POST /api/v1/auth/sign-out-everywhere']);
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Caller {
  name: string;
  role: 'anonymous' | 'user' | 'admin';
  /** A read-scoped credential: never passes a mutating method. */
  readOnly: boolean;
  /** How it authenticates: a console session, or an API key (`ops`: an ops-scoped one). */
  kind: 'none' | 'session' | 'key' | 'ops-key';
  /** `fresh`: a new session, for calls that end the caller's own session. */
  headers: (fresh: boolean) => Promise<Record<string, string>>;
  /** Signs in again, after a call that ended every session of the caller's user. */
  renew?: () => Promise<void>;
}

function registeredRoutes(hub: TestApp): string[] {
  const express = hub.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods);
    if (methods.length > 8) continue; // Nest's catch-all for unknown paths under the prefix
    for (const m of methods) routes.add(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].sort();
}

function allowed(level: Level, caller: Caller, method: string): boolean {
  if (level === 'public') return true;
  if (caller.role === 'anonymous') return false;
  if (caller.readOnly && MUTATING.has(method)) return false;
  if (level === 'admin') return caller.role === 'admin' && !caller.readOnly;
  if (level === 'session') return caller.kind === 'session';
  // sessions here are fresh: each signed in (a proof of identity) moments ago
  if (level === 'step-up')
    return caller.role === 'admin' && (caller.kind === 'session' || caller.kind === 'ops-key');
  if (level === 'console-step-up' || level === 'console-admin')
    return caller.role === 'admin' && caller.kind === 'session';
  return true;
}

describe('authorization matrix: every route × every kind of caller', () => {
  let hub: TestApp;
  let callers: Caller[];
  let routes: string[];

  beforeAll(async () => {
    hub = await startTestApp();
    const adminCookie = await signIn(hub);
    const userCookie = await createUserAndSignIn(hub, adminCookie, {
      username: 'matrix-user',
      password: 'matrix-user-password-1',
      role: 'user',
    });
    const readKey = await createApiKey(hub, adminCookie, 'read');
    const adminKey = await createApiKey(hub, adminCookie, 'admin');
    const opsKey = await createApiKey(hub, adminCookie, 'ops');
    const session = (cookie: string, username: string, password: string) => {
      let current = cookie;
      return {
        headers: async (fresh: boolean) => ({
          Cookie: fresh ? await signIn(hub, username, password) : current,
        }),
        renew: async () => {
          current = await signIn(hub, username, password);
        },
      };
    };
    callers = [
      {
        name: 'anonymous',
        role: 'anonymous',
        readOnly: false,
        kind: 'none',
        headers: () => Promise.resolve({}),
      },
      {
        name: 'user session',
        role: 'user',
        readOnly: false,
        kind: 'session',
        ...session(userCookie, 'matrix-user', 'matrix-user-password-1'),
      },
      {
        name: 'admin session',
        role: 'admin',
        readOnly: false,
        kind: 'session',
        ...session(adminCookie, TEST_ADMIN.username, TEST_ADMIN.password),
      },
      {
        name: 'read API key',
        role: 'admin',
        readOnly: true,
        kind: 'key',
        headers: () => Promise.resolve({ Authorization: `Bearer ${readKey}` }),
      },
      {
        name: 'admin API key',
        role: 'admin',
        readOnly: false,
        kind: 'key',
        headers: () => Promise.resolve({ Authorization: `Bearer ${adminKey}` }),
      },
      {
        name: 'ops API key',
        role: 'admin',
        readOnly: false,
        kind: 'ops-key',
        headers: () => Promise.resolve({ Authorization: `Bearer ${opsKey}` }),
      },
    ];
    routes = registeredRoutes(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lists every registered route', () => {
    const unlisted = routes.filter((r) => !(r in MATRIX));
    expect(unlisted).toEqual([]);
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect(stale).toEqual([]);
  });

  it('lets each caller through exactly where the matrix says', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const level = MATRIX[route];
      if (!level) continue;
      const [method, pattern] = route.split(' ') as [string, string];
      const path = pattern.replace(/:[A-Za-z]+/g, PLACEHOLDER_ID);
      for (const caller of callers) {
        const expectAllowed = allowed(level, caller, method);
        const headers = await caller.headers(ENDS_SESSION.has(route));
        const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const req = request(hub.url)[verb](path).set(headers);
        // An empty body: guards run before validation, so an allowed mutating call stops at 400/404.
        const res = MUTATING.has(method) ? await req.send({}) : await req;
        const denied = res.status === 401 || res.status === 403;
        if (!denied && ENDS_ALL_SESSIONS.has(route)) for (const c of callers) await c.renew?.();
        if (denied === expectAllowed) {
          mismatches.push(
            `${route} as ${caller.name}: got ${res.status}, expected ${expectAllowed ? 'allowed' : 'denied'}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // hundreds of requests, one after another: minutes on a loaded 2-core machine, not Jest's 5 s
  }, 120_000);
});
