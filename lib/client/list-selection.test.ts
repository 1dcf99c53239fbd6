import { describe, expect, it } from "vitest";
import { emptySelection, extendTo, selectedInOrder, toggleRow } from "./list-selection";

const order = ["a", "b", "c", "d", "e"];

describe("list selection", () => {
  it("toggles single rows and selects a range with shift", () => {
    let sel = toggleRow(emptySelection, order, "b", false);
    expect([...sel.ids]).toEqual(["b"]);
    sel = toggleRow(sel, order, "d", true);
    expect(selectedInOrder(sel, order)).toEqual(["b", "c", "d"]);
    // A shift-click above the anchor works the other way round.
    sel = toggleRow(toggleRow(emptySelection, order, "d", false), order, "a", true);
    expect(selectedInOrder(sel, order)).toEqual(["a", "b", "c", "d"]);
  });

  it("a shift-click from an unselected anchor clears the range", () => {
    let sel = toggleRow(toggleRow(emptySelection, order, "a", false), order, "e", true);
    sel = toggleRow(sel, order, "c", false); // c off, anchor c
    sel = toggleRow(sel, order, "e", true);
    expect(selectedInOrder(sel, order)).toEqual(["a", "b"]);
  });

  it("extends with shift+arrow and forgets rows that left the list", () => {
    let sel = extendTo(emptySelection, order, "b", "c");
    sel = extendTo(sel, order, "c", "d");
    expect(selectedInOrder(sel, order)).toEqual(["b", "c", "d"]);
    sel = extendTo(sel, order, "d", "c");
    expect(selectedInOrder(sel, order)).toEqual(["b", "c"]);
    expect(selectedInOrder(sel, ["c", "x"])).toEqual(["c"]);
  });
});
