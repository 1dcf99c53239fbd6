// Pure: multi-select in a list the way mail clients do it. A click (or x) toggles one row and
// makes it the anchor; shift-click (or shift+arrow) sets the whole range from the anchor to the
// row to the anchor's state. Unit-tested in list-selection.test.ts.

export type Selection = { ids: ReadonlySet<string>; anchor: string | null };

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** Toggles `id`; with `range`, gives every row between the anchor and `id` the anchor's new state. */
export function toggleRow(sel: Selection, order: readonly string[], id: string, range: boolean): Selection {
  const ids = new Set(sel.ids);
  const anchorAt = sel.anchor ? order.indexOf(sel.anchor) : -1;
  const at = order.indexOf(id);
  if (range && anchorAt >= 0 && at >= 0) {
    const on = ids.has(sel.anchor!) || !ids.has(id);
    const [from, to] = anchorAt < at ? [anchorAt, at] : [at, anchorAt];
    for (const rowId of order.slice(from, to + 1)) {
      if (on) ids.add(rowId);
      else ids.delete(rowId);
    }
    return { ids, anchor: sel.anchor };
  }
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

const between = (order: readonly string[], a: string, b: string) => {
  const [i, j] = [order.indexOf(a), order.indexOf(b)];
  return i < 0 || j < 0 ? [] : order.slice(Math.min(i, j), Math.max(i, j) + 1);
};

/**
 * Shift+arrow from the focused row `from` to its neighbour `to`: the range from the anchor
 * follows the focus, growing or shrinking (rows selected outside it stay selected).
 */
export function extendTo(sel: Selection, order: readonly string[], from: string, to: string): Selection {
  if (!order.includes(to)) return sel;
  const anchor = sel.anchor && sel.ids.has(sel.anchor) ? sel.anchor : from;
  const ids = new Set(sel.ids);
  for (const id of between(order, anchor, from)) ids.delete(id);
  for (const id of between(order, anchor, to)) ids.add(id);
  return { ids, anchor };
}

/** The selected ids still in the list, in its order (rows that left it are not acted on). */
export function selectedInOrder(sel: Selection, order: readonly string[]): string[] {
  return order.filter((id) => sel.ids.has(id));
}
