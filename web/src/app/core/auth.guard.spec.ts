import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { adminGuard, signedInGuard } from './auth.guard';

@Component({ template: '' })
class Blank {}

describe('route guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: Blank },
          {
            path: '',
            canActivateChild: [signedInGuard],
            children: [
              { path: '', component: Blank },
              { path: 'servers/:id', component: Blank },
              { path: 'admin', canActivate: [adminGuard], component: Blank },
              { path: 'account/security', component: Blank },
            ],
          },
        ]),
      ],
    });
  });

  async function go(url: string, me: object | null): Promise<string> {
    const router = TestBed.inject(Router);
    const done = router.navigateByUrl(url);
    const http = TestBed.inject(HttpTestingController);
    const req = await vi.waitFor(() => http.expectOne('/api/v1/auth/me'));
    if (me) req.flush(me);
    else req.flush({}, { status: 401, statusText: 'Unauthorized' });
    await done;
    return router.url;
  }

  it('sends a signed-out visitor to sign-in with the page asked for', async () => {
    expect(await go('/servers/abc', null)).toBe('/sign-in?next=%2Fservers%2Fabc');
  });

  it('keeps a user out of administration', async () => {
    expect(
      await go('/admin', { user: { id: 'u', username: 'v', role: 'user' }, via: 'session', scope: 'read' }),
    ).toBe('/?denied=admin');
  });

  it('lets an admin in', async () => {
    expect(
      await go('/admin', { user: { id: 'a', username: 'a', role: 'admin' }, via: 'session', scope: 'admin' }),
    ).toBe('/admin');
  });

  it('keeps a session that must enroll a second factor on the security page', async () => {
    const me = {
      user: { id: 'a', username: 'a', role: 'admin' },
      via: 'session',
      scope: 'admin',
      secondFactor: false,
      mustEnrollSecondFactor: true,
      steppedUpUntil: null,
    };
    expect(await go('/servers/abc', me)).toBe('/account/security');
  });
});
