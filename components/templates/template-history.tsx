"use client";

import { useTranslations } from "next-intl";
import { useTemplate } from "@/lib/client/use-templates";
import { useFormat } from "@/lib/client/use-format";
import type { TemplateEventView } from "@/lib/templates/model";

const STATUS_WORDS = new Set(["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "FLAGGED", "REINSTATED"]);
const QUALITY_WORDS = new Set(["GREEN", "YELLOW", "RED", "UNKNOWN"]);
const CATEGORY_WORDS = new Set(["UTILITY", "MARKETING", "AUTHENTICATION"]);

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/**
 * What Meta said about a template over time (review decisions, quality and category changes, from
 * its webhooks), newest first: why a template was paused or moved to Marketing is a question leads ask.
 */
export function TemplateHistory({ templateId }: { templateId: string }) {
  const t = useTranslations("templates.history");
  const tStatus = useTranslations("templates.status");
  const tQuality = useTranslations("templates.quality");
  const tCategory = useTranslations("templates.category");
  const fmt = useFormat();
  const { data, isLoading } = useTemplate(templateId);
  const events = data?.events ?? [];

  const status = (s: string | null) => (s && STATUS_WORDS.has(s) ? (tStatus.has(s as never) ? tStatus(s as never) : t(`event.${s}` as never)) : (s ?? "?"));
  const quality = (q: string | null) => (q && QUALITY_WORDS.has(q) ? tQuality(q as never) : (q ?? "?"));
  const category = (c: string | null) => (c && CATEGORY_WORDS.has(c) ? tCategory(c as never) : (c ?? "?"));

  function describe(e: TemplateEventView): string {
    const v = e.value;
    if (e.field === "message_template_status_update") {
      const reason = str(v.reason);
      const said = t("status", { status: status(str(v.event)) });
      return reason && reason !== "NONE" ? `${said} ${t("reason", { reason })}` : said;
    }
    if (e.field === "message_template_quality_update") return t("quality", { from: quality(str(v.previous_quality_score)), to: quality(str(v.new_quality_score)) });
    if (e.field === "template_category_update") return t("category", { from: category(str(v.previous_category)), to: category(str(v.new_category)) });
    return e.field;
  }

  return (
    <section aria-labelledby={`history-${templateId}`} className="mt-6">
      <h3 id={`history-${templateId}`} className="mb-2 text-2xs font-medium text-muted">
        {t("title")}
      </h3>
      {isLoading ? (
        <p className="text-2xs text-muted">{t("loading")}</p>
      ) : events.length === 0 ? (
        <p className="text-2xs text-muted">{t("empty")}</p>
      ) : (
        <ol className="space-y-2 border-l border-line pl-3">
          {events.map((e) => (
            <li key={e.id} className="text-ui text-fg-2">
              <p>{describe(e)}</p>
              <time dateTime={e.receivedAt} className="text-2xs text-muted">
                {fmt.fullDateTime(e.receivedAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
