import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { en, LOGIN_CATALOGS, PAY_CATALOGS } from "@/messages";
import { it as it_ } from "@/messages";
import { LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → message, for every leaf. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The arguments ({name}, {count, plural…}) and rich-text tags (<kbd>) a message uses: a translation must use the same. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(`{${el.value}}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`{${el.value}, ${el.type === TYPE.plural ? "plural" : "select"}}`);
        for (const opt of Object.values(el.options)) walk(opt.value);
      }
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

// The server-only pay and sign-in page namespaces are checked with the rest.
const catalogs = {
  en: flatten({ ...en, pay: PAY_CATALOGS.en, login: LOGIN_CATALOGS.en } as Tree),
  it: flatten({ ...it_, pay: PAY_CATALOGS.it, login: LOGIN_CATALOGS.it } as Tree),
};

describe("message catalogs", () => {
  it("exist for every locale the app offers", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LOCALES].sort());
  });

  it("have exactly the same keys", () => {
    expect([...catalogs.it.keys()].sort()).toEqual([...catalogs.en.keys()].sort());
  });

  it("have no empty message", () => {
    for (const [locale, messages] of Object.entries(catalogs)) {
      const empty = [...messages].filter(([, m]) => !m.trim()).map(([k]) => `${locale}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it("are valid ICU, with the same arguments, plurals, selects and tags per key", () => {
    const mismatched: string[] = [];
    for (const [key, message] of catalogs.en) {
      const other = catalogs.it.get(key);
      if (other === undefined) continue;
      const a = placeholders(message).join(" ");
      const b = placeholders(other).join(" ");
      if (a !== b) mismatched.push(`${key}: en ${a || "∅"} / it ${b || "∅"}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("give every plural an `other` form and every select an `other` branch", () => {
    const missing: string[] = [];
    for (const [locale, messages] of Object.entries(catalogs)) {
      for (const [key, message] of messages) {
        const walk = (els: MessageFormatElement[]) => {
          for (const el of els) {
            if (el.type === TYPE.plural || el.type === TYPE.select) {
              if (!("other" in el.options)) missing.push(`${locale}:${key}`);
              for (const opt of Object.values(el.options)) walk(opt.value);
            }
            if (el.type === TYPE.tag) walk(el.children);
          }
        };
        walk(parse(message));
      }
    }
    expect(missing).toEqual([]);
  });
});
