"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/client/cn";

// Plain items and radio items (a choice among several) alike.
const ITEM = '[role="menuitem"], [role="menuitemradio"]';

type MenuProps = {
  /** Renders the trigger; spread the props onto a <button>. */
  trigger: (props: {
    ref: React.Ref<HTMLButtonElement>;
    "aria-haspopup": "menu";
    "aria-expanded": boolean;
    "aria-controls": string;
    onClick: () => void;
    onKeyDown: (e: React.KeyboardEvent) => void;
  }) => React.ReactNode;
  /** The items; choosing one closes the menu. */
  children: React.ReactNode;
  label: string;
  align?: "start" | "end";
  /** Where the menu opens: below the trigger, or above it (a bar at the bottom of the screen). */
  side?: "bottom" | "top";
  className?: string;
};

/**
 * A small accessible menu button: arrow keys move between items, Escape or a click outside
 * closes it, and focus returns to the trigger.
 */
export function Menu({ trigger, children, label, align = "end", side = "bottom", className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>(`${ITEM}:not([aria-disabled="true"])`) ?? []);

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open, close]);

  const onMenuKeyDown = (e: React.KeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown") {
      e.preventDefault();
      list[(i + 1) % list.length]?.focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      list[(i - 1 + list.length) % list.length]?.focus();
    } else if (e.key === "Home") {
      e.preventDefault();
      list[0]?.focus();
    } else if (e.key === "End") {
      e.preventDefault();
      list[list.length - 1]?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "Tab") {
      close(false);
    }
  };

  return (
    <div ref={wrapRef} className="relative">
      {trigger({
        ref: triggerRef,
        "aria-haspopup": "menu",
        "aria-expanded": open,
        "aria-controls": id,
        onClick: () => setOpen((o) => !o),
        onKeyDown: (e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        },
      })}
      {open && (
        <div
          ref={menuRef}
          id={id}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          onClick={(e) => {
            if ((e.target as HTMLElement).closest(ITEM)) close();
          }}
          className={cn("menu", side === "top" ? "bottom-full mb-1" : "top-full mt-1", align === "end" ? "right-0" : "left-0", className)}
        >
          {children}
        </div>
      )}
    </div>
  );
}

export function MenuItem({ className, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" role="menuitem" tabIndex={-1} className={cn("menu-item", className)} {...props} />;
}

/** One choice of a group (wrap them in `role="group"` with a label); `checked` marks the current one. */
export function MenuItemRadio({ className, checked, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { checked: boolean }) {
  return <button type="button" role="menuitemradio" aria-checked={checked} tabIndex={-1} className={cn("menu-item", className)} {...props} />;
}
