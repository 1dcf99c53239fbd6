"use client";

import { useLocale } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { currencySymbol, exponentOf, parseMoneyInput, toMoneyInput, type Currency } from "@/lib/client/money";
import { cn } from "@/lib/client/cn";

/**
 * An amount typed in the reader's language ("90,50" in Italian, "90.50" in English) with the
 * currency's symbol in front. It keeps the text as typed and tidies it on leaving the field
 * ("90,5" → "90,50"; JPY has no decimals, KWD three). The caller reads minor units with
 * parseMoneyInput, so nothing goes through floating point.
 */
export function MoneyInput({
  value,
  onChange,
  currency,
  invalid,
  className,
  ...rest
}: {
  value: string;
  onChange: (text: string) => void;
  currency: Currency;
  invalid?: boolean;
  className?: string;
} & Omit<React.ComponentProps<"input">, "value" | "onChange" | "type" | "className">) {
  const locale = useLocale() as AppLocale;
  const symbol = currencySymbol(currency, locale);
  return (
    <div
      className={cn(
        "flex h-9 items-center rounded-ctl border border-line-strong bg-surface text-sm transition-colors focus-within:border-transparent focus-within:ring-2 focus-within:ring-ring hover:border-subtle",
        invalid && "border-danger/60",
        className,
      )}
    >
      <span className="shrink-0 pl-2.5 text-ui text-muted select-none" aria-hidden>
        {symbol}
      </span>
      <input
        {...rest}
        type="text"
        inputMode={exponentOf(currency) === 0 ? "numeric" : "decimal"}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => {
          const parsed = parseMoneyInput(value, currency, locale);
          if (parsed.ok) onChange(toMoneyInput(parsed.minor, currency, locale));
          rest.onBlur?.(e);
        }}
        className="h-full w-full min-w-0 bg-transparent px-2 text-right text-fg tabular-nums outline-none placeholder:text-subtle"
      />
    </div>
  );
}
