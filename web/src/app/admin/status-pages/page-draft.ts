import {
  STATUS_PAGE_LIMITS as LIMITS,
  STATUS_SLUG_PATTERN,
  type StatusPageDetail,
  type StatusPageInput,
} from '@hivewatch/protocol';
import type { FieldErrors } from '../../shared/form/draft-form';

/** A server shown on the page, under the name the admin gives it (empty until given). */
export interface ComponentDraft {
  /** Kept across saves so incidents naming the component still do; absent for a new one. */
  id?: string;
  serverId: string;
  /** The server's own name, for the admin only (null once the server is deleted). */
  serverName: string | null;
  publicName: string;
  showAddress: boolean;
}

export interface GroupDraft {
  /** Stable identity for the form's loops (names change while typing). */
  key: number;
  name: string;
  components: ComponentDraft[];
}

export interface PageDraft {
  slug: string;
  title: string;
  logoText: string;
  description: string;
  published: boolean;
  groups: GroupDraft[];
}

let nextKey = 1;

export function newGroup(name = ''): GroupDraft {
  return { key: nextKey++, name, components: [] };
}

export function newPageDraft(): PageDraft {
  return { slug: '', title: '', logoText: '', description: '', published: false, groups: [newGroup()] };
}

export function pageDraft(page: StatusPageDetail): PageDraft {
  return {
    slug: page.slug,
    title: page.title,
    logoText: page.logoText,
    description: page.description,
    published: page.published,
    groups: [...page.groups]
      .sort((a, b) => a.position - b.position)
      .map((g) => ({
        ...newGroup(g.name),
        components: [...g.components]
          .sort((a, b) => a.position - b.position)
          .map((c) => ({
            id: c.id,
            serverId: c.serverId,
            serverName: c.serverName,
            publicName: c.publicName,
            showAddress: c.showAddress,
          })),
      })),
  };
}

/** A slug suggested from the title while the slug is still empty: lowercase words joined by "-". */
export function slugFrom(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

function lengthError(value: string, max: number, required: string | null): string | null {
  const v = value.trim();
  if (!v && required) return required;
  return v.length > max ? `At most ${max} characters.` : null;
}

/** Every problem at once, keyed by field (`groups.0.components.1.publicName`); empty when it can be sent. */
export function validatePage(d: PageDraft): FieldErrors {
  const errors: FieldErrors = {};
  const put = (key: string, message: string | null): void => {
    if (message) errors[key] = message;
  };
  if (!STATUS_SLUG_PATTERN.test(d.slug.trim()))
    errors['slug'] = 'Use 1 to 64 characters: lowercase letters a–z, digits and "-".';
  put('title', lengthError(d.title, LIMITS.title, 'Give the page a title.'));
  put('logoText', lengthError(d.logoText, LIMITS.logoText, null));
  put('description', lengthError(d.description, LIMITS.description, null));
  if (d.groups.length > LIMITS.groups) errors['groups'] = `At most ${LIMITS.groups} groups.`;
  const total = d.groups.reduce((n, g) => n + g.components.length, 0);
  if (total > LIMITS.components)
    errors['groups'] = `At most ${LIMITS.components} components on a page (${total} now).`;
  d.groups.forEach((g, i) => {
    put(`groups.${i}.name`, lengthError(g.name, LIMITS.groupName, 'Name the group.'));
    g.components.forEach((c, j) =>
      put(
        `groups.${i}.components.${j}.publicName`,
        lengthError(c.publicName, LIMITS.publicName, 'Give the name the public sees.'),
      ),
    );
  });
  return errors;
}

/** The request body (POST, and PUT as a whole) of a draft that validated. */
export function pageBody(d: PageDraft): StatusPageInput {
  return {
    slug: d.slug.trim(),
    title: d.title.trim(),
    logoText: d.logoText.trim(),
    description: d.description.trim(),
    published: d.published,
    groups: d.groups.map((g) => ({
      name: g.name.trim(),
      components: g.components.map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        kind: 'server' as const,
        serverId: c.serverId,
        publicName: c.publicName.trim(),
        showAddress: c.showAddress,
      })),
    })),
  };
}

/** Moves the item at `index` one place up (-1) or down (+1); nothing past either end. */
export function move<T>(list: T[], index: number, by: -1 | 1): void {
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to], list[index]];
}

/**
 * Makes the group's components follow the picker's selection: chosen ones stay where they were
 * (with their names), newly chosen ones are added at the end with an empty public name.
 */
export function syncComponents(
  group: GroupDraft,
  serverIds: readonly string[],
  nameOf: (serverId: string) => string | null,
): void {
  const chosen = new Set(serverIds);
  const kept = group.components.filter((c) => chosen.has(c.serverId));
  const present = new Set(kept.map((c) => c.serverId));
  const added = serverIds
    .filter((id) => !present.has(id))
    .map((serverId) => ({ serverId, serverName: nameOf(serverId), publicName: '', showAddress: false }));
  group.components = [...kept, ...added];
}
