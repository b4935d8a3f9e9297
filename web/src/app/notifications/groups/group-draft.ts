import type { CreateNotificationGroupBody, NotificationGroup } from '../../core/hub-types';
import type { FieldErrors } from '../../shared/form/draft-form';
import { type SilenceDraft, silenceBody, silenceDraft, silenceError } from '../../shared/silence-window';

export interface GroupDraft {
  name: string;
  channelIds: string[];
  silence: SilenceDraft;
}

export function newGroupDraft(): GroupDraft {
  return { name: '', channelIds: [], silence: silenceDraft(null) };
}

export function groupDraft(g: NotificationGroup): GroupDraft {
  return { name: g.name, channelIds: [...g.channelIds], silence: silenceDraft(g.silence) };
}

export function validateGroup(d: GroupDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.name.trim()) errors['name'] = 'Give the group a name.';
  else if (d.name.trim().length > 100) errors['name'] = 'At most 100 characters.';
  if (d.channelIds.length > 50) errors['channelIds'] = 'At most 50 channels.';
  const silence = silenceError(d.silence);
  if (silence) errors['silence'] = silence;
  return errors;
}

/** POST body, and the whole PATCH body, of a draft that validated. */
export function groupBody(d: GroupDraft): CreateNotificationGroupBody {
  return { name: d.name.trim(), channelIds: [...d.channelIds], silence: silenceBody(d.silence) };
}
