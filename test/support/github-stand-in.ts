import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in of GitHub's OAuth app endpoints and the REST API calls a sign-in makes, on
 * 127.0.0.1 (free port). Point the hub at it with `HIVEWATCH_GITHUB_WEB_URL` and
 * `HIVEWATCH_GITHUB_API_URL` = `url`. It behaves like GitHub where the hub depends on it: the
 * authorize page redirects straight back (as for a user who already authorized the app) as
 * `signInAs`; the token endpoint checks client secret, redirect URI, single-use code and the PKCE
 * verifier (S256), answering errors with 200 and an `error` field as GitHub does; the API answers
 * only with the issued bearer token.
 */
export interface GithubAccount {
  id: number;
  login: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
  orgs: string[];
  /** `org/team-slug` */
  teams: string[];
}

interface IssuedCode {
  login: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
}

export interface GithubStandIn {
  url: string;
  accounts: Map<string, GithubAccount>;
  /** The account the next authorization is for; `null` makes the user cancel (`access_denied`). */
  signInAs: string | null;
  /** Every authorize request's query, newest last. */
  authorizeRequests: URLSearchParams[];
  /** Every token request's form, newest last. */
  tokenRequests: URLSearchParams[];
  /** Every access token issued, newest last. */
  issuedTokens: string[];
  /** `/user/emails` answers an HTML error page with status 200, as a misbehaving proxy might. */
  brokenEmails: boolean;
  close(): Promise<void>;
}

export async function startGithubStandIn(client: { id: string; secret: string }): Promise<GithubStandIn> {
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, string>(); // access token → login
  const state: Omit<GithubStandIn, 'url' | 'close'> = {
    accounts: new Map(),
    signInAs: null,
    authorizeRequests: [],
    tokenRequests: [],
    issuedTokens: [],
    brokenEmails: false,
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const q = url.searchParams;
      state.authorizeRequests.push(q);
      const back = new URL(q.get('redirect_uri') ?? '');
      if (q.get('client_id') !== client.id || q.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'bad authorize request' });
      }
      if (state.signInAs === null) {
        back.searchParams.set('error', 'access_denied');
      } else {
        const code = randomBytes(10).toString('hex');
        codes.set(code, {
          login: state.signInAs,
          clientId: client.id,
          redirectUri: back.href,
          challenge: q.get('code_challenge') ?? '',
        });
        back.searchParams.set('code', code);
      }
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        state.tokenRequests.push(form);
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const ok =
          code &&
          form.get('client_id') === code.clientId &&
          form.get('client_secret') === client.secret &&
          form.get('redirect_uri') === code.redirectUri &&
          createHash('sha256').update(verifier).digest('base64url') === code.challenge;
        if (!ok) return json(res, 200, { error: 'bad_verification_code' });
        const token = `gho_${randomBytes(16).toString('hex')}`;
        tokens.set(token, code.login);
        state.issuedTokens.push(token);
        json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email,read:org' });
      });
      return;
    }
    const login = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const account = login ? state.accounts.get(login) : undefined;
    if (!account) return json(res, 401, { message: 'Bad credentials' });
    switch (url.pathname) {
      case '/user':
        return json(res, 200, { id: account.id, login: account.login, name: null });
      case '/user/emails':
        if (state.brokenEmails)
          return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        return json(
          res,
          200,
          account.emails.map((e) => ({ ...e, visibility: null })),
        );
      case '/user/orgs':
        return json(
          res,
          200,
          account.orgs.map((o) => ({ login: o, id: 1 })),
        );
      case '/user/teams':
        return json(
          res,
          200,
          account.teams.map((t) => {
            const [org, slug] = t.split('/');
            return { slug, name: slug, organization: { login: org } };
          }),
        );
      default:
        return json(res, 404, { message: 'Not Found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
