import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';

describe('authInterceptor', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: 'sign-in', children: [] }]),
      ],
    });
  });

  it('sends the user to sign-in when a request answers 401', async () => {
    const done = firstValueFrom(TestBed.inject(HttpClient).get('/api/v1/servers')).catch((e: unknown) => e);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/servers')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    await done;
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toMatch(/^\/sign-in\?next=/));
  });

  it('leaves other errors to the caller', async () => {
    const done = firstValueFrom(TestBed.inject(HttpClient).get('/api/v1/servers')).catch((e: unknown) => e);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/servers')
      .flush({}, { status: 500, statusText: 'Error' });
    await done;
    expect(TestBed.inject(Router).url).toBe('/');
  });
});
