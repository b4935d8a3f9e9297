import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Me } from './hub-types';

export type SignInResult = { ok: true } | { ok: false; message: string; retryAfterSeconds?: number };

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
    try {
      await firstValueFrom(this.http.post('/api/v1/auth/login', { username, password }));
    } catch (err) {
      return signInFailure(err);
    }
    this.state.set(undefined);
    await this.ensureLoaded();
    return { ok: true };
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/auth/logout', {})).catch(() => undefined);
    this.state.set(null);
  }

  /** The session is gone (401 from any request). */
  forget(): void {
    this.state.set(null);
  }

  changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/v1/auth/password', { currentPassword, newPassword }));
  }
}

function signInFailure(err: unknown): SignInResult {
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
  if (err.status === 401 || err.status === 400) return { ok: false, message: 'Wrong username or password.' };
  if (err.status === 0) return { ok: false, message: 'The hub cannot be reached.' };
  return { ok: false, message: `Sign-in failed (${err.status}).` };
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
