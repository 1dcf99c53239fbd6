// WhatsApp's text formatting as tokens: `*bold*`, `_italic_`, `~strike~`, ```` ```monospace``` ````
// and line breaks. Pure and client-safe; the UI turns tokens into React elements (never HTML
// strings), so a customer's or a template's text can never inject markup.

export type WaToken =
  | { kind: "text"; text: string }
  | { kind: "break" }
  | { kind: "mono"; text: string }
  | { kind: "bold" | "italic" | "strike"; children: WaToken[] };

const MARKS: Record<string, "bold" | "italic" | "strike"> = { "*": "bold", _: "italic", "~": "strike" };
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/**
 * A marker opens at the start or after a non-word character and before a non-space; it closes
 * before the end or a non-word character and after a non-space — as WhatsApp does, so `2*3*4`
 * and `snake_case_name` stay plain.
 */
function closingAt(line: string, open: number): number {
  const mark = line[open]!;
  for (let j = open + 2; j < line.length; j++) {
    if (line[j] !== mark) continue;
    if (SPACE.test(line[j - 1]!)) continue;
    const after = line[j + 1];
    if (after !== undefined && WORD.test(after)) continue;
    return j;
  }
  return -1;
}

function pushText(out: WaToken[], text: string) {
  if (!text) return;
  const last = out.at(-1);
  if (last?.kind === "text") last.text += text;
  else out.push({ kind: "text", text });
}

function parseLine(line: string): WaToken[] {
  const out: WaToken[] = [];
  let plain = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    const kind = MARKS[c];
    const before = line[i - 1];
    const next = line[i + 1];
    if (kind && (before === undefined || !WORD.test(before)) && next !== undefined && !SPACE.test(next) && next !== c) {
      const end = closingAt(line, i);
      if (end > 0) {
        pushText(out, plain);
        plain = "";
        out.push({ kind, children: parseLine(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  pushText(out, plain);
  return out;
}

/** Tokens for a WhatsApp text. Monospace may span lines; the other marks stay within one line. */
export function parseWhatsAppText(text: string): WaToken[] {
  const out: WaToken[] = [];
  const parts = text.split(/```([\s\S]+?)```/);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      out.push({ kind: "mono", text: part });
      return;
    }
    part.split("\n").forEach((line, n) => {
      if (n > 0) out.push({ kind: "break" });
      for (const token of parseLine(line)) {
        if (token.kind === "text") pushText(out, token.text);
        else out.push(token);
      }
    });
  });
  return out;
}

/** The text without its markers: for a one-line preview (the picker, the inbox list). */
export function plainWhatsAppText(text: string): string {
  const flat = (tokens: WaToken[]): string =>
    tokens.map((t) => (t.kind === "text" || t.kind === "mono" ? t.text : t.kind === "break" ? "\n" : flat(t.children))).join("");
  return flat(parseWhatsAppText(text));
}
