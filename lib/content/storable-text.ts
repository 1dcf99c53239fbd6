// PostgreSQL refuses U+0000 in text and jsonb, and a lone UTF-16 surrogate cannot be encoded as
// UTF-8: either would fail the insert with a 500. Input schemas refuse them with a field error.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(s: string): boolean {
  return !NUL.test(s) && !LONE_SURROGATE.test(s);
}

export const UNSTORABLE_TEXT_MESSAGE = "Contains characters that cannot be sent (a NUL or a broken emoji).";
