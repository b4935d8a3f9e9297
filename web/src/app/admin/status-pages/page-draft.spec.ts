// The shared request schema: what the console sends must pass it unchanged.
import { statusPageInputSchema, type StatusPageDetail } from '@hivewatch/protocol';
import {
  type PageDraft,
  move,
  newGroup,
  newPageDraft,
  pageBody,
  pageDraft,
  slugFrom,
  syncComponents,
  validatePage,
} from './page-draft';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';

function detail(): StatusPageDetail {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    slug: 'acme',
    title: 'Acme status',
    logoText: 'ACME',
    description: 'Our services',
    published: true,
    publicPath: '/status/acme',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    groups: [
      {
        id: '55555555-5555-4555-8555-555555555555',
        name: 'Second',
        position: 1,
        components: [],
      },
      {
        id: '66666666-6666-4666-8666-666666666666',
        name: 'First',
        position: 0,
        components: [
          {
            id: C1,
            kind: 'server',
            serverId: B,
            serverName: 'db-01',
            publicName: 'Database',
            showAddress: false,
            position: 1,
          },
          {
            id: '77777777-7777-4777-8777-777777777777',
            kind: 'server',
            serverId: A,
            serverName: null,
            publicName: 'Web',
            showAddress: true,
            position: 0,
          },
        ],
      },
    ],
  };
}

function filled(): PageDraft {
  const d = { ...newPageDraft(), slug: 'acme', title: ' Acme status ' };
  d.groups[0].name = 'Websites';
  syncComponents(d.groups[0], [A, B], (id) => (id === A ? 'web-01' : 'db-01'));
  d.groups[0].components[0].publicName = ' Website ';
  d.groups[0].components[1].publicName = 'Database';
  return d;
}

describe('status page draft', () => {
  it('reads a page in position order, keeping component ids and deleted servers', () => {
    const d = pageDraft(detail());
    expect(d.groups.map((g) => g.name)).toEqual(['First', 'Second']);
    expect(d.groups[0].components).toEqual([
      {
        id: '77777777-7777-4777-8777-777777777777',
        serverId: A,
        serverName: null,
        publicName: 'Web',
        showAddress: true,
      },
      { id: C1, serverId: B, serverName: 'db-01', publicName: 'Database', showAddress: false },
    ]);
  });

  it('round-trips: the body of a loaded page keeps its ids and order, and passes the hub schema', () => {
    const body = pageBody(pageDraft(detail()));
    expect(body).toEqual({
      slug: 'acme',
      title: 'Acme status',
      logoText: 'ACME',
      description: 'Our services',
      published: true,
      groups: [
        {
          name: 'First',
          components: [
            {
              id: '77777777-7777-4777-8777-777777777777',
              kind: 'server',
              serverId: A,
              publicName: 'Web',
              showAddress: true,
            },
            { id: C1, kind: 'server', serverId: B, publicName: 'Database', showAddress: false },
          ],
        },
        { name: 'Second', components: [] },
      ],
    });
    expect(statusPageInputSchema.parse(body)).toEqual(body);
  });

  it('adds picked servers with an empty public name and the address hidden; new ones have no id', () => {
    const d = filled();
    expect(d.groups[0].components.map((c) => [c.serverName, c.showAddress])).toEqual([
      ['web-01', false],
      ['db-01', false],
    ]);
    const body = pageBody(d);
    expect(body.title).toBe('Acme status');
    expect(body.groups[0].components[0]).toEqual({
      kind: 'server',
      serverId: A,
      publicName: 'Website',
      showAddress: false,
    });
    expect(statusPageInputSchema.safeParse(body).success).toBe(true);
  });

  it('keeps names and order of servers still picked, drops the others', () => {
    const d = filled();
    move(d.groups[0].components, 1, -1);
    syncComponents(d.groups[0], [A, B, C1], () => 'new-01');
    expect(d.groups[0].components.map((c) => c.publicName)).toEqual(['Database', ' Website ', '']);
    syncComponents(d.groups[0], [C1], () => null);
    expect(d.groups[0].components.map((c) => c.serverId)).toEqual([C1]);
  });

  it('moves items within bounds only', () => {
    const list = [1, 2, 3];
    move(list, 0, -1);
    move(list, 2, 1);
    expect(list).toEqual([1, 2, 3]);
    move(list, 0, 1);
    expect(list).toEqual([2, 1, 3]);
  });
});

describe('status page validation', () => {
  it('asks for title, slug, group names and every public name, all at once', () => {
    const d = newPageDraft();
    syncComponents(d.groups[0], [A], () => 'web-01');
    expect(validatePage(d)).toEqual({
      slug: 'Use 1 to 64 characters: lowercase letters a–z, digits and "-".',
      title: 'Give the page a title.',
      'groups.0.name': 'Name the group.',
      'groups.0.components.0.publicName': 'Give the name the public sees.',
    });
    expect(validatePage(filled())).toEqual({});
  });

  it('refuses slugs the hub refuses and texts past their limits', () => {
    const d = filled();
    d.slug = 'Acme Status';
    d.logoText = 'x'.repeat(41);
    d.description = 'x'.repeat(1001);
    d.groups[0].components[1].publicName = 'x'.repeat(101);
    expect(validatePage(d)).toEqual({
      slug: 'Use 1 to 64 characters: lowercase letters a–z, digits and "-".',
      logoText: 'At most 40 characters.',
      description: 'At most 1000 characters.',
      'groups.0.components.1.publicName': 'At most 100 characters.',
    });
  });

  it('caps groups and components per page', () => {
    const d = filled();
    d.groups = Array.from({ length: 21 }, () => ({ ...newGroup('g') }));
    expect(validatePage(d)['groups']).toBe('At most 20 groups.');
    d.groups = [newGroup('g')];
    syncComponents(
      d.groups[0],
      Array.from({ length: 201 }, (_, i) => `s${i}`),
      () => 's',
    );
    d.groups[0].components.forEach((c) => (c.publicName = 'x'));
    expect(validatePage(d)).toEqual({ groups: 'At most 200 components on a page (201 now).' });
  });

  it('suggests a slug from the title', () => {
    expect(slugFrom('Acme Inc. — Status!')).toBe('acme-inc-status');
    expect(slugFrom('Café Zürich')).toBe('cafe-zurich');
    expect(slugFrom('x'.repeat(70))).toHaveLength(64);
  });
});
