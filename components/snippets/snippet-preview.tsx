import { WhatsAppText } from "@/components/templates/whatsapp-text";

/** A snippet's reply as the customer's WhatsApp shows it: an outgoing bubble with WhatsApp's formatting. */
export function SnippetPreview({ text, empty }: { text: string; empty: string }) {
  return (
    <div className="max-w-[340px] text-sm leading-[1.45]">
      <div className="rounded-lg bg-bubble-out px-2.5 pt-2 pb-1.5 shadow-xs">
        {text.trim() ? (
          <p className="break-words">
            <WhatsAppText text={text.trim()} />
          </p>
        ) : (
          <p className="text-fg-2 italic">{empty}</p>
        )}
      </div>
    </div>
  );
}
