"use client";

import { useRef, useState } from "react";
import { Paperclip } from "lucide-react";
import { useTranslations } from "next-intl";
import type { CustomerMessageInput } from "./fake-api";

// WhatsApp's own limit for images; the simulator applies it to documents too (a demo, not a drive).
const MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

export type Attachment = { kind: "image" | "document"; label: string; input: CustomerMessageInput };

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}

/**
 * The customer sends a photo or a PDF from their device. The file goes to the fake WhatsApp, which
 * (like Meta) tells the app only a media id; the app then downloads it through the Graph API.
 */
export function AttachButton({ caption, onPick, disabled }: { caption: string; onPick: (a: Attachment) => void; disabled?: boolean }) {
  const t = useTranslations("simulator");
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function onChange(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(t("tooBig"));
    const kind = IMAGE_TYPES.has(file.type) ? "image" : file.type === "application/pdf" ? "document" : null;
    if (!kind) return setError(t("wrongType"));
    setError(null);
    try {
      const data = await toBase64(file);
      const text = caption.trim();
      onPick({
        kind,
        // The bubble says "Photo"/"Document" itself; its text is the caption or the file's name.
        label: text || (kind === "image" ? "" : file.name),
        input: { type: kind, media: { mimeType: file.type, data, ...(kind === "document" ? { filename: file.name } : {}), ...(text ? { caption: text } : {}) } },
      });
    } catch {
      setError(t("readFailed"));
    }
  }

  return (
    <>
      <button type="button" className="btn-icon shrink-0" aria-label={t("attach")} title={t("attach")} disabled={disabled} onClick={() => inputRef.current?.click()}>
        <Paperclip className="size-4" aria-hidden />
      </button>
      <input ref={inputRef} type="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="sr-only" tabIndex={-1} aria-hidden onChange={(e) => void onChange(e)} />
      {error && (
        <p role="alert" className="absolute inset-x-3 -top-7 rounded-ctl bg-danger-soft px-2 py-1 text-center text-2xs text-danger">
          {error}
        </p>
      )}
    </>
  );
}
