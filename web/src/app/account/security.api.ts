import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AccountSecurity, RecoveryCodes, TotpEnrollment } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';

/** `/api/v1/auth/...`: the signed-in user's second factor, linked identities and sessions. */
@Injectable({ providedIn: 'root' })
export class SecurityApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<AccountSecurity> {
    return this.http.get<AccountSecurity>('/api/v1/auth/security');
  }
  startTotp(): Observable<TotpEnrollment> {
    return this.http.post<TotpEnrollment>('/api/v1/auth/second-factor/totp', {});
  }
  confirmTotp(code: string): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/v1/auth/second-factor/totp/confirm', { code });
  }
  /** Step-up. */
  disableTotp(): Observable<unknown> {
    return this.http.delete('/api/v1/auth/second-factor/totp');
  }
  /** Step-up. */
  regenerateRecoveryCodes(): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/v1/auth/second-factor/recovery-codes', {});
  }
  unlink(identityId: string): Observable<unknown> {
    return this.http.delete(`/api/v1/auth/identities/${identityId}`);
  }
  revokeSession(sessionId: string): Observable<unknown> {
    return this.http.delete(`/api/v1/auth/sessions/${sessionId}`);
  }
}
