// Tags are part of the REST contract (libs/protocol/src/api/tags.ts).
export {
  MAX_TAGS_PER_SERVER,
  normalizeTag,
  normalizeTags,
  TAG_PATTERN,
  tagListSchema,
  tagSchema,
} from '@hivewatch/protocol';
