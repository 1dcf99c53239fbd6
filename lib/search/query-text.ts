/**
 * The words someone typed → a PostgreSQL tsquery of prefix terms ("mar ros" finds "Marta Rossi").
 * Only letters and digits survive, so nothing typed can break the query syntax; the 'simple'
 * configuration (no stemming, lower-cased) matches what the indexes were built with, in any language.
 */
export function toPrefixQuery(input: string, maxTerms = 8): string | null {
  const terms = (input.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((t) => `${t}:*`).join(" & ");
}

export type Segment = { text: string; match: boolean };

export const HL_START = "\u0001";
export const HL_STOP = "\u0002";

/** ts_headline's output with our markers → segments the client renders without HTML. */
export function toSegments(headline: string): Segment[] {
  const out: Segment[] = [];
  let match = false;
  let buf = "";
  for (const ch of headline) {
    if (ch === HL_START || ch === HL_STOP) {
      if (buf) out.push({ text: buf, match });
      buf = "";
      match = ch === HL_START;
    } else buf += ch;
  }
  if (buf) out.push({ text: buf, match });
  return out;
}
