import { Check, CheckCheck, CircleExclamationPoint, Clock } from "lucide-react";
import { useTranslations } from "next-intl";
import type { DeliveryStatus as Status } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";

/** The ticks of an outbound message, each with a spoken label. */
export function DeliveryStatus({ status, className }: { status: Status; className?: string }) {
  const label = useTranslations("delivery")(status);
  const icon = "size-3.5";
  return (
    <span role="img" aria-label={label} title={label} className={cn("inline-flex shrink-0 items-center", className)}>
      {status === "queued" && <Clock className={cn(icon, "size-3")} aria-hidden />}
      {status === "sent" && <Check className={icon} aria-hidden />}
      {status === "delivered" && <CheckCheck className={icon} aria-hidden />}
      {status === "read" && <CheckCheck className={cn(icon, "text-read")} aria-hidden />}
      {status === "failed" && <CircleExclamationPoint className={cn(icon, "text-danger")} aria-hidden />}
    </span>
  );
}
