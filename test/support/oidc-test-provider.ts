/**
 * A real OpenID Connect provider (the `oidc-provider` package) in this process, on 127.0.0.1.
 *
 *   const idp = await startOidcTestProvider({ redirectUris: [`${hubUrl}/api/v1/auth/sso/corp/callback`],
 *     accounts: [{ username: 'alice', password: 'pw', groups: ['ops-admins'] }] });
 *   // hub env: HIVEWATCH_OIDC_ISSUER=idp.issuer, _CLIENT_ID=idp.clientId, _CLIENT_SECRET=idp.clientSecret
 *   await idp.close();
 *
 * One confidential client (client_secret_post, PKCE S256 required) registered with `redirectUris`.
 * Its own login page (`/interaction/<uid>`) is an HTML form with `username` and `password` fields:
 * a test posts it (see `loginThroughProvider` in oidc-round-trip.ts), a browser test fills it.
 * Consent is implied (first-party client). The ID token carries `auth_time` and `amr: ["pwd"]`;
 * with `claimsInIdToken` false (the spec default when an access token is issued) e-mail, username
 * and groups are only in userinfo. Scopes: openid, email, profile, groups.
 *
 * - `rotateKeys()` puts a new signing key (new `kid`) first, keeping the old one published; the
 *   next ID tokens are signed with it (`issuedKids` shows which key signed each ID token).
 * - `tamperNextIdToken(edit)` rewrites the claims of the next ID token the token endpoint returns
 *   and re-signs it with the provider's own current key: a real signature over wrong claims
 *   (other audience, wrong nonce, expired, stale auth_time).
 * - RP-initiated logout is on (`end_session_endpoint`), with the hub's sign-in page allowed.
 * - `port` lets a test start the provider where a hub already expects it (provider-down tests).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
} from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface OidcTestAccount {
  username: string;
  password: string;
  /** The `sub`; defaults to a stable id derived from the username. */
  subject?: string;
  email?: string;
  emailVerified?: boolean;
  groups?: string[];
  /** Google's hosted-domain claim. */
  hd?: string;
}

export interface OidcTestProviderOptions {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts: OidcTestAccount[];
  /** Put profile claims in the ID token too (true), or only in userinfo (false, default). */
  claimsInIdToken?: boolean;
  port?: number;
  /** Defaults to a random one (read it from `clientSecret`). */
  clientSecret?: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `kid` of the key that signed each ID token, in order. */
  readonly issuedKids: string[];
  /** Successful password logins at the provider's own page. */
  readonly logins: number;
  rotateKeys(): Promise<string>;
  /** `unpublishedKey`: sign with a key the provider never published (a forged token). */
  tamperNextIdToken(
    edit: (claims: Record<string, unknown>) => Record<string, unknown>,
    unpublishedKey?: boolean,
  ): Promise<void>;
  close(): Promise<void>;
}

type SigningKey = JWK & { kid: string };

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const clientId = 'hivewatch-hub';
  const clientSecret = options.clientSecret ?? `secret-${randomUUID()}`;
  const keys: SigningKey[] = [await newSigningKey()];
  const issuedKids: string[] = [];
  let tamper: { edit: (claims: Record<string, unknown>) => Record<string, unknown>; key: SigningKey } | null =
    null;
  let logins = 0;
  const accounts = new Map(options.accounts.map((a) => [a.subject ?? `sub-${a.username}`, a]));

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const build = (): Provider => {
    const provider = new Provider(issuer, configuration(options, accounts, { clientId, clientSecret, keys }));
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: unknown } | undefined;
      if (ctx.path !== '/token' || !body || typeof body.id_token !== 'string') return;
      let idToken = body.id_token;
      if (tamper) {
        idToken = await resign(idToken, tamper.edit, tamper.key);
        body.id_token = idToken;
        tamper = null;
      }
      issuedKids.push(decodeProtectedHeader(idToken).kid ?? '');
    });
    return provider;
  };
  let provider = build();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(provider, accounts, req, res, () => logins++);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    issuedKids,
    get logins() {
      return logins;
    },
    async rotateKeys() {
      keys.unshift(await newSigningKey());
      // codes, sessions and grants live in oidc-provider's module-wide memory store: they survive
      provider = build();
      return keys[0]!.kid;
    },
    async tamperNextIdToken(edit, unpublishedKey = false) {
      tamper = { edit, key: unpublishedKey ? await newSigningKey() : keys[0]! };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
  };
}

function configuration(
  options: OidcTestProviderOptions,
  accounts: Map<string, OidcTestAccount>,
  client: { clientId: string; clientSecret: string; keys: SigningKey[] },
): Configuration {
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [...client.keys] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    pkce: { required: () => true },
    conformIdTokenClaims: options.claimsInIdToken !== true,
    claims: {
      // like most providers, always tell when and how the user authenticated
      openid: ['sub', 'auth_time', 'amr', 'acr'],
      sid: null,
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'hd'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          preferred_username: account.username,
          ...(account.email !== undefined && {
            email: account.email,
            email_verified: account.emailVerified ?? false,
          }),
          ...(account.groups && { groups: account.groups }),
          ...(account.hd && { hd: account.hd }),
        }),
      };
    },
    // a first-party client: consent is implied for everything it asks
    loadExistingGrant: async (ctx) => {
      const oidc = ctx.oidc;
      const accountId = oidc.session?.accountId;
      if (!oidc.client || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      oidc.session.grantIdFor(oidc.client.clientId, grant.jti);
      return grant;
    },
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
    },
  };
}

/** The provider's own login page and its form post; everything else is oidc-provider. */
async function route(
  provider: Provider,
  accounts: Map<string, OidcTestAccount>,
  req: IncomingMessage,
  res: ServerResponse,
  onLogin: () => void,
): Promise<void> {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
  if (!match) return provider.callback()(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return page(res, 200, loginForm(details.uid, ''));
    const form = new URLSearchParams(await readBody(req));
    const entry = [...accounts].find(
      ([, a]) => a.username === form.get('username') && a.password === form.get('password'),
    );
    if (!entry) return page(res, 200, loginForm(details.uid, 'Wrong username or password'));
    onLogin();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: entry[0], amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  } catch (err) {
    page(res, 400, `<p>interaction failed: ${(err as Error).name}</p>`);
  }
}

function loginForm(uid: string, error: string): string {
  return `<!DOCTYPE html><html><head><title>Test provider sign-in</title></head><body>
<h1>Test provider</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;
}

function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function resign(
  idToken: string,
  edit: (claims: Record<string, unknown>) => Record<string, unknown>,
  key: SigningKey,
): Promise<string> {
  const claims = edit({ ...decodeJwt(idToken) });
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(await importJWK(key, 'RS256'));
}
