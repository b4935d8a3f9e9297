import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AccountSecurity } from '@hivewatch/protocol';
import { AuthService } from '../core/auth.service';
import { SecurityPage } from './security-page';

const NOW = new Date().toISOString();
const ME = {
  user: { id: 'u1', username: 'ada', role: 'admin' },
  via: 'session',
  scope: 'admin',
  secondFactor: false,
  mustEnrollSecondFactor: true,
  steppedUpUntil: null,
};

function overview(over: Partial<AccountSecurity> = {}): AccountSecurity {
  return {
    hasPassword: true,
    totp: { enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: true },
    identities: [],
    sessions: [
      {
        id: 's1',
        ip: '127.0.0.1',
        userAgent: 'Chromium',
        method: 'password',
        createdAt: NOW,
        lastSeenAt: NOW,
        current: true,
      },
      {
        id: 's2',
        ip: '10.0.0.9',
        userAgent: 'Firefox',
        method: 'sso:corp',
        createdAt: NOW,
        lastSeenAt: NOW,
        current: false,
      },
    ],
    steppedUpUntil: null,
    ...over,
  };
}

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

async function open(security: AccountSecurity) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const http = TestBed.inject(HttpTestingController);
  const meLoaded = TestBed.inject(AuthService).ensureLoaded();
  http.expectOne('/api/v1/auth/me').flush(ME);
  await meLoaded;
  const fixture = TestBed.createComponent(SecurityPage);
  await settle(fixture);
  http.expectOne('/api/v1/auth/security').flush(security);
  await settle(fixture);
  http
    .match('/api/v1/auth/providers')
    .forEach((r) =>
      r.flush({ providers: [{ id: 'corp', kind: 'oidc', displayName: 'Corp SSO' }], localSignIn: true }),
    );
  await settle(fixture);
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

describe('SecurityPage', () => {
  it('enrolls an authenticator app: QR and text, confirm with a code, recovery codes once', async () => {
    const { fixture, http, el } = await open(overview());
    expect(el.querySelector('[data-testid=must-enroll]')?.textContent).toContain('requires a second factor');

    el.querySelector<HTMLButtonElement>('[data-testid=enroll-totp]')!.click();
    await settle(fixture);
    const otpauthUrl = 'otpauth://totp/Hivewatch:ada?secret=JBSWY3DPEHPK3PXP&issuer=Hivewatch';
    http.expectOne('/api/v1/auth/second-factor/totp').flush({
      otpauthUrl,
      secret: 'JBSWY3DPEHPK3PXP',
      qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await settle(fixture);
    expect(el.querySelector<HTMLImageElement>('img.qr')?.getAttribute('src')).toBe(
      'data:image/svg+xml;base64,PHN2Zy8+',
    );
    expect(el.querySelector('[data-testid=otpauth-url]')?.textContent).toBe(otpauthUrl);
    expect(el.querySelector('[data-testid=totp-secret]')?.textContent).toBe('JBSWY3DPEHPK3PXP');

    const code = el.querySelector<HTMLInputElement>('[data-testid=enrollment] input[name=code]')!;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    await settle(fixture);
    el.querySelector('[data-testid=enrollment] form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const confirm = http.expectOne('/api/v1/auth/second-factor/totp/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    const codes = Array.from({ length: 10 }, (_, i) => `AAAA-BBBB-CCCC-DD${String.fromCharCode(65 + i)}A`);
    confirm.flush({ recoveryCodes: codes });
    await settle(fixture);
    // the page asks again: the overview, and who I am (the must-enroll hold is lifted)
    http
      .expectOne('/api/v1/auth/security')
      .flush(overview({ totp: { enabled: true, enabledAt: NOW, recoveryCodesLeft: 10, required: false } }));
    http.expectOne('/api/v1/auth/me').flush({ ...ME, secondFactor: true, mustEnrollSecondFactor: false });
    await settle(fixture);
    const panel = el.querySelector('[data-testid=recovery-codes]')!;
    expect([...panel.querySelectorAll('li')].map((li) => li.textContent)).toEqual(codes);
    const download = panel.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(decodeURIComponent(download.getAttribute('href')!.split(',')[1])).toBe(`${codes.join('\n')}\n`);
    expect(el.querySelector('[data-testid=second-factor]')?.textContent).toContain('10 recovery');
    expect(el.querySelector('[data-testid=must-enroll]')).toBeNull();

    panel.querySelector<HTMLButtonElement>('button.primary')!.click();
    await settle(fixture);
    expect(el.querySelector('[data-testid=recovery-codes]')).toBeNull();
  });

  it('will not unlink the last way in, and says why', async () => {
    const identity = {
      id: 'i1',
      provider: 'corp',
      providerName: 'Corp SSO',
      subject: 'sub-1',
      email: 'ada@corp.example',
      createdAt: NOW,
      lastUsedAt: NOW,
    };
    const { el } = await open(overview({ hasPassword: false, identities: [identity] }));
    const row = el.querySelector('[data-identity=corp]')!;
    expect(row.textContent).toContain('ada@corp.example');
    const unlink = row.querySelector<HTMLButtonElement>('button')!;
    expect(unlink.disabled).toBe(true);
    expect(row.textContent).toContain('only way to sign in');
    expect(el.querySelector('[data-link=corp]')?.getAttribute('href')).toBe(
      '/api/v1/auth/sso/corp/start?purpose=link&returnTo=%2Faccount%2Fsecurity',
    );
  });

  it('lists sessions with how they signed in, and signs out another one', async () => {
    const { fixture, http, el } = await open(overview());
    const other = el.querySelector('[data-session=s2]')!;
    expect(other.textContent).toContain('Signed in with Corp SSO');
    expect(other.textContent).toContain('10.0.0.9');
    expect(el.querySelector('[data-session=s1] button')).toBeNull(); // this browser: use Sign out
    other.querySelector<HTMLButtonElement>('button')!.click();
    await settle(fixture);
    expect(http.expectOne('/api/v1/auth/sessions/s2').request.method).toBe('DELETE');
  });
});
