/** Tags typed as one text (commas or spaces between them), without repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
  ];
}
