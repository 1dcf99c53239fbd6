import { Fragment } from "react";
import { parseWhatsAppText, type WaToken } from "@/lib/templates/whatsapp-format";

/** A `{{name}}` still to fill, marked so the agent sees the gap in the preview. */
function withPlaceholders(text: string, mark: boolean, key: string): React.ReactNode {
  if (!mark) return text;
  const parts = text.split(/(\{\{\s*[A-Za-z0-9_]+\s*\}\})/g);
  return parts.map((part, i) => {
    if (i % 2 === 0) return part ? <Fragment key={`${key}-${i}`}>{part}</Fragment> : null;
    return (
      <mark key={`${key}-${i}`} className="rounded-sm bg-warning-soft px-0.5 text-warning">
        {part}
      </mark>
    );
  });
}

function render(tokens: WaToken[], mark: boolean, path: string): React.ReactNode[] {
  return tokens.map((t, i) => {
    const key = `${path}.${i}`;
    switch (t.kind) {
      case "text":
        return <Fragment key={key}>{withPlaceholders(t.text, mark, key)}</Fragment>;
      case "break":
        return <br key={key} />;
      case "mono":
        return (
          <code key={key} className="rounded bg-black/5 px-1 font-mono text-[0.92em] whitespace-pre-wrap dark:bg-white/10">
            {t.text}
          </code>
        );
      case "bold":
        return <strong key={key} className="font-semibold">{render(t.children, mark, key)}</strong>;
      case "italic":
        return <em key={key}>{render(t.children, mark, key)}</em>;
      case "strike":
        return <s key={key}>{render(t.children, mark, key)}</s>;
    }
  });
}

/**
 * Text as WhatsApp shows it (`*bold*`, `_italic_`, `~strike~`, ```` ```mono``` ````, line breaks),
 * built from React elements only: nothing in the text can become markup. `markPlaceholders`
 * highlights `{{name}}` gaps still to fill.
 */
export function WhatsAppText({ text, markPlaceholders = false }: { text: string; markPlaceholders?: boolean }) {
  return <>{render(parseWhatsAppText(text), markPlaceholders, "t")}</>;
}
