import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { containerView } from './container-fixture';
import { ContainersPage } from './containers-page';

async function settle(fixture: { detectChanges(): void }, ms = 0): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, ms));
    fixture.detectChanges();
  }
}

describe('ContainersPage', () => {
  it('lists the fleet’s containers, links each to its server’s Docker tab and searches', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ContainersPage);
    await settle(fixture);
    const first = http.expectOne((r) => r.url === '/api/v1/containers');
    expect(first.request.params.get('limit')).toBe('50');
    expect(first.request.params.get('offset')).toBe('0');
    expect(first.request.params.has('q')).toBe(false);
    const web = containerView({ name: 'web', image: 'nginx:1.27', serverName: 'edge-1' });
    first.flush({ items: [web], total: 51 });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const link = el.querySelector<HTMLAnchorElement>('tr[data-container=web] .fleet-server a')!;
    expect(link.textContent).toContain('edge-1');
    expect(link.getAttribute('href')).toBe(`/servers/${web.serverId}?tab=docker&container=${web.id}`);
    expect(el.querySelector('[data-testid=fleet-range]')?.textContent).toContain('1–1 of 51');

    const search = el.querySelector<HTMLInputElement>('[data-testid=fleet-search]')!;
    search.value = 'nginx';
    search.dispatchEvent(new Event('input'));
    await settle(fixture, 120);
    const searched = http.expectOne((r) => r.url === '/api/v1/containers');
    expect(searched.request.params.get('q')).toBe('nginx');
    searched.flush({ items: [], total: 0 });
    await settle(fixture);
    expect(el.querySelector('[data-testid=fleet-empty]')?.textContent).toContain('No container matches');
  });
});
