import { z } from 'zod';
import { SsoFailure } from '../sso-provider.js';

/**
 * The few GitHub REST answers the sign-in reads, checked with zod: an unexpected body is a clean
 * `provider-unreachable`, never an exception thrown out of a socket callback.
 */
export const githubUserSchema = z.object({ id: z.number().int(), login: z.string().min(1) });
export const githubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);
export const githubOrgsSchema = z.array(z.object({ login: z.string() }));
export const githubTeamsSchema = z.array(
  z.object({ slug: z.string(), organization: z.object({ login: z.string() }) }),
);
const tokenAnswerSchema = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

const TIMEOUT_MS = 10_000;
/** Orgs and teams beyond 10 pages of 100 are not read (a sign-in should not crawl an enterprise). */
const MAX_PAGES = 10;

/** A GitHub OAuth app's token endpoint and REST API at configurable base URLs (github.com or GHES). */
export class GithubApi {
  constructor(
    private readonly webUrl: string,
    private readonly apiUrl: string,
  ) {}

  /** Exchanges the callback's code (with the PKCE verifier) for a user access token. */
  async exchangeCode(params: Record<string, string>): Promise<string> {
    const res = await this.call(`${this.webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const answer = tokenAnswerSchema.safeParse(await this.json(res));
    if (!answer.success) throw new SsoFailure('provider-unreachable', `token answer ${res.status}`);
    // GitHub answers a bad or reused code, or a wrong verifier, with 200 and an `error` field
    if ('error' in answer.data) throw new SsoFailure('invalid-response', `token: ${answer.data.error}`);
    return answer.data.access_token;
  }

  async get<T>(path: string, token: string, schema: z.ZodType<T>): Promise<T> {
    const res = await this.call(`${this.apiUrl}${path}`, { headers: this.apiHeaders(token) });
    return this.parse(res, schema, path);
  }

  /** Every page of a list (`Link: rel="next"`), up to MAX_PAGES. */
  async list<T>(path: string, token: string, schema: z.ZodType<T[]>): Promise<T[]> {
    const items: T[] = [];
    let next: string | null = `${this.apiUrl}${path}?per_page=100`;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const res = await this.call(next, { headers: this.apiHeaders(token) });
      items.push(...(await this.parse(res, schema, path)));
      next = nextLink(res.headers.get('link'), this.apiUrl);
    }
    return items;
  }

  private apiHeaders(token: string): Record<string, string> {
    return {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
    };
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        headers: { 'user-agent': 'Hivewatch', ...(init.headers as Record<string, string>) },
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new SsoFailure('provider-unreachable', `${new URL(url).pathname}: ${(err as Error).name}`);
    }
  }

  private async parse<T>(res: Response, schema: z.ZodType<T>, path: string): Promise<T> {
    if (!res.ok) throw new SsoFailure('provider-unreachable', `${path} answered ${res.status}`);
    const parsed = schema.safeParse(await this.json(res));
    if (!parsed.success) throw new SsoFailure('provider-unreachable', `${path}: unexpected answer`);
    return parsed.data;
  }

  private async json(res: Response): Promise<unknown> {
    try {
      return await res.json();
    } catch {
      return undefined;
    }
  }
}

/** The `rel="next"` URL of a Link header, only when it stays on the configured API (no open redirect). */
function nextLink(header: string | null, apiUrl: string): string | null {
  const match = /<([^>]+)>;\s*rel="next"/.exec(header ?? '');
  const url = match?.[1];
  return url?.startsWith(`${apiUrl}/`) ? url : null;
}
