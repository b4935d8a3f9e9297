import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { LoginResult, LogoutResult, SecondFactorLoginInput } from '@hivewatch/protocol';
import { errorMessage } from '../shared/errors';
import type { Me } from './hub-types';

/**
 * `signed-in`: the session is set (`enroll`: it may only enroll a second factor until it does).
 * `second-factor`: the password was right; the code comes next, with `challenge`.
 */
export type SignInResult =
  | { ok: true; step: 'signed-in'; enroll: boolean }
  | { ok: true; step: 'second-factor'; challenge: string; methods: readonly string[] }
  | { ok: false; message: string; retryAfterSeconds?: number };

/** Who is signed in. `me()` is undefined until the first check, null when signed out. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Me | null | undefined>(undefined);
  readonly me = this.state.asReadonly();
  readonly isAdmin = computed(() => this.state()?.user.role === 'admin');
  /**
   * What the hub lets change things (access-policy.ts): the admin role with an admin-scoped
   * credential. Screens hide write actions when this is false; the hub refuses them anyway.
   */
  readonly canAdminister = computed(() => {
    const me = this.state();
    return me?.user.role === 'admin' && me.scope === 'admin';
  });

  /** Asks the hub once per page load (then after every sign-in/out). */
  async ensureLoaded(): Promise<Me | null> {
    const known = this.state();
    if (known !== undefined) return known;
    try {
      const me = await firstValueFrom(this.http.get<Me>('/api/v1/auth/me'));
      this.state.set(me);
      return me;
    } catch {
      this.state.set(null);
      return null;
    }
  }

  async signIn(username: string, password: string): Promise<SignInResult> {
    let result: LoginResult;
    try {
      result = await firstValueFrom(
        this.http.post<LoginResult>('/api/v1/auth/login', { username, password }),
      );
    } catch (err) {
      return signInFailure(err, 'Wrong username or password.');
    }
    return this.afterLogin(result);
  }

  /** The second step: `challenge` from `signIn`, or none after a provider sign-in (HttpOnly cookie). */
  async completeSecondFactor(input: SecondFactorLoginInput): Promise<SignInResult> {
    let result: LoginResult;
    try {
      result = await firstValueFrom(this.http.post<LoginResult>('/api/v1/auth/login/second-factor', input));
    } catch (err) {
      return signInFailure(err, 'That code is not valid, or was already used.');
    }
    return this.afterLogin(result);
  }

  /** Asks the hub again who is signed in (after a sign-in or an enrollment). */
  async reload(): Promise<Me | null> {
    this.state.set(undefined);
    return this.ensureLoaded();
  }

  /** Signs out; answers the provider's logout page when the session came from one that has it. */
  async signOut(): Promise<string | null> {
    const answer = await firstValueFrom(this.http.post<LogoutResult | null>('/api/v1/auth/logout', {})).catch(
      () => null,
    );
    this.state.set(null);
    return answer?.providerLogoutUrl ?? null;
  }

  /** Ends every session of this account, this one included. */
  async signOutEverywhere(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/auth/sign-out-everywhere', {}));
    this.state.set(null);
  }

  /** The session is gone (401 from any request). */
  forget(): void {
    this.state.set(null);
  }

  changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/v1/auth/password', { currentPassword, newPassword }));
  }

  private async afterLogin(result: LoginResult): Promise<SignInResult> {
    if (result.status === 'second-factor') {
      return { ok: true, step: 'second-factor', challenge: result.challenge, methods: result.methods };
    }
    await this.reload();
    return { ok: true, step: 'signed-in', enroll: result.enrollSecondFactor };
  }
}

function signInFailure(err: unknown, refused: string): SignInResult {
  if (!(err instanceof HttpErrorResponse)) return { ok: false, message: 'Sign-in failed.' };
  if (err.status === 429) {
    const retry = Number(err.headers.get('Retry-After'));
    const seconds = Number.isFinite(retry) && retry > 0 ? retry : undefined;
    return {
      ok: false,
      message: seconds
        ? `Too many attempts. Try again in ${formatWait(seconds)}.`
        : 'Too many attempts. Try again later.',
      ...(seconds ? { retryAfterSeconds: seconds } : {}),
    };
  }
  if (err.status === 401 || err.status === 400) return { ok: false, message: refused };
  if (err.status === 403) return { ok: false, message: errorMessage(err) };
  if (err.status === 0) return { ok: false, message: 'The hub cannot be reached.' };
  return { ok: false, message: `Sign-in failed (${err.status}).` };
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
