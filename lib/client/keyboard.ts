/** Whether a key event comes from somewhere the person is typing (shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}

/** Whether a menu or dialog currently owns the keyboard. */
export function isInOverlay(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('[role="menu"], dialog[open], [role="dialog"]');
}
