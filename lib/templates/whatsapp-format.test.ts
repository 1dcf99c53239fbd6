import { describe, expect, it } from "vitest";
import { parseWhatsAppText, plainWhatsAppText } from "./whatsapp-format";

const t = (text: string) => ({ kind: "text", text });

describe("parseWhatsAppText", () => {
  it("bold, italic, strike and monospace", () => {
    expect(parseWhatsAppText("Hi *Giulia*, flight _AZ 610_ is ~late~ ```B22```")).toEqual([
      t("Hi "),
      { kind: "bold", children: [t("Giulia")] },
      t(", flight "),
      { kind: "italic", children: [t("AZ 610")] },
      t(" is "),
      { kind: "strike", children: [t("late")] },
      t(" "),
      { kind: "mono", text: "B22" },
    ]);
  });

  it("nests marks and keeps line breaks", () => {
    expect(parseWhatsAppText("*Gate _B22_*\nSeat 23A")).toEqual([{ kind: "bold", children: [t("Gate "), { kind: "italic", children: [t("B22")] }] }, { kind: "break" }, t("Seat 23A")]);
  });

  it("leaves markers inside words, around spaces and unclosed alone", () => {
    expect(parseWhatsAppText("2*3*4 snake_case_name * not bold * and *open")).toEqual([t("2*3*4 snake_case_name * not bold * and *open")]);
    expect(parseWhatsAppText("**")).toEqual([t("**")]);
  });

  it("does not format across lines, but monospace may span them and stays literal", () => {
    expect(parseWhatsAppText("*a\nb*")).toEqual([t("*a"), { kind: "break" }, t("b*")]);
    expect(parseWhatsAppText("```*x*\ny```")).toEqual([{ kind: "mono", text: "*x*\ny" }]);
  });

  it("treats markup as text: nothing is HTML", () => {
    expect(parseWhatsAppText("<img src=x onerror=alert(1)> *<b>*")).toEqual([t("<img src=x onerror=alert(1)> "), { kind: "bold", children: [t("<b>")] }]);
  });

  it("plain text without the markers", () => {
    expect(plainWhatsAppText("Hi *Giulia*, ~no~ ```B22```")).toBe("Hi Giulia, no B22");
  });
});
