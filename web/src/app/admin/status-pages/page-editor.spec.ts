import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { StatusPageInput } from '@hivewatch/protocol';
import { LiveStreamService } from '../../core/live-stream.service';
import { serverState } from '../../testing/server-state';
import { PageEditor } from './page-editor';

const WEB = '11111111-1111-4111-8111-111111111111';
const DB = '22222222-2222-4222-8222-222222222222';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

function type(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function alerts(el: HTMLElement): string[] {
  return [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim() ?? '');
}

describe('PageEditor (new page)', () => {
  async function setup() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const live = TestBed.inject(LiveStreamService);
    live.servers.set(
      new Map([
        [WEB, serverState({ id: WEB, name: 'web-01' })],
        [DB, serverState({ id: DB, name: 'db-01', online: false })],
      ]),
    );
    const fixture = TestBed.createComponent(PageEditor);
    await settle(fixture);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const http = TestBed.inject(HttpTestingController);
    return { fixture, http, navigate, el: fixture.nativeElement as HTMLElement };
  }

  it('says what is missing, sends nothing, and suggests the slug from the title', async () => {
    const { fixture, http, el } = await setup();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    expect(alerts(el)).toEqual(
      expect.arrayContaining([
        'Give the page a title.',
        'Name the group.',
        'The page is not saved: see the messages above.',
      ]),
    );
    http.expectNone('/api/v1/status-pages');
    type(el, 'input[name=title]', 'Acme Status');
    await settle(fixture);
    expect(el.querySelector<HTMLInputElement>('input[name=slug]')!.value).toBe('acme-status');
  });

  it('adds picked servers without a public name until one is given, then posts the page', async () => {
    const { fixture, http, el, navigate } = await setup();
    type(el, 'input[name=title]', 'Acme');
    type(el, '[data-field=group-name]', 'Websites');
    el.querySelector<HTMLInputElement>('input[data-server="web-01"]')!.click();
    el.querySelector<HTMLInputElement>('input[data-server="db-01"]')!.click();
    await settle(fixture);
    const names = el.querySelectorAll<HTMLInputElement>('[data-field=public-name]');
    expect([...names].map((n) => n.value)).toEqual(['', '']);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    expect(alerts(el).filter((a) => a === 'Give the name the public sees.')).toHaveLength(2);

    type(el, 'input[aria-label="Public name of web-01"]', 'Website');
    type(el, 'input[aria-label="Public name of db-01"]', 'Database');
    const address = el.querySelectorAll<HTMLInputElement>(
      'li[data-component="db-01"] input[type=checkbox]',
    )[0];
    address.click();
    await settle(fixture);
    expect(el.querySelector('.address-warning')?.textContent).toContain('published on the public page');
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const req = http.expectOne('/api/v1/status-pages');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      slug: 'acme',
      title: 'Acme',
      logoText: '',
      description: '',
      published: false,
      groups: [
        {
          name: 'Websites',
          components: [
            { kind: 'server', serverId: WEB, publicName: 'Website', showAddress: false },
            { kind: 'server', serverId: DB, publicName: 'Database', showAddress: true },
          ],
        },
      ],
    });
    req.flush({ id: 'p-1', title: 'Acme', published: false });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/admin/status-pages', 'p-1']);
  });

  it('shows the hub refusal', async () => {
    const { fixture, http, el } = await setup();
    type(el, 'input[name=title]', 'Acme');
    type(el, '[data-field=group-name]', 'Websites');
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    http
      .expectOne('/api/v1/status-pages')
      .flush({ statusCode: 409, message: 'slug acme is taken' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(el.querySelector('[data-testid=form-error]')?.textContent).toContain('slug acme is taken');
  });
});

describe('PageEditor (existing page)', () => {
  const PAGE = '44444444-4444-4444-8444-444444444444';
  const KEPT = '55555555-5555-4555-8555-555555555555';
  const ADDED = '66666666-6666-4666-8666-666666666666';
  const page = (components: { id: string; serverId: string; publicName: string }[]) => ({
    id: PAGE,
    slug: 'acme',
    title: 'Acme',
    logoText: '',
    description: '',
    published: true,
    publicPath: '/status/acme',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    groups: [
      {
        id: '77777777-7777-4777-8777-777777777777',
        name: 'Websites',
        position: 0,
        components: components.map((c, position) => ({
          ...c,
          kind: 'server' as const,
          serverName: c.serverId === WEB ? 'web-01' : 'db-01',
          showAddress: false,
          position,
        })),
      },
    ],
  });

  it('replaces the page with its component ids kept, then keeps the ids the hub gave new ones', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(LiveStreamService).servers.set(
      new Map([
        [WEB, serverState({ id: WEB, name: 'web-01' })],
        [DB, serverState({ id: DB, name: 'db-01' })],
      ]),
    );
    const fixture = TestBed.createComponent(PageEditor);
    fixture.componentRef.setInput('id', PAGE);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http
      .expectOne(`/api/v1/status-pages/${PAGE}`)
      .flush(page([{ id: KEPT, serverId: WEB, publicName: 'Website' }]));
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=open-public-page]')?.getAttribute('href')).toBe('/status/acme');
    el.querySelector<HTMLElement>('details.choose summary')!.click();
    el.querySelector<HTMLInputElement>('input[data-server="db-01"]')!.click();
    await settle(fixture);
    type(el, 'input[aria-label="Public name of db-01"]', 'Database');
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const put = http.expectOne(`/api/v1/status-pages/${PAGE}`);
    expect(put.request.method).toBe('PUT');
    const componentsOf = (body: unknown) => (body as StatusPageInput).groups[0].components;
    expect(componentsOf(put.request.body)).toEqual([
      { id: KEPT, kind: 'server', serverId: WEB, publicName: 'Website', showAddress: false },
      { kind: 'server', serverId: DB, publicName: 'Database', showAddress: false },
    ]);
    put.flush(
      page([
        { id: KEPT, serverId: WEB, publicName: 'Website' },
        { id: ADDED, serverId: DB, publicName: 'Database' },
      ]),
    );
    await settle(fixture);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const again = http.expectOne(`/api/v1/status-pages/${PAGE}`);
    expect(componentsOf(again.request.body).map((c) => c.id)).toEqual([KEPT, ADDED]);
  });
});
