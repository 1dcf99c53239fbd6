import { placeholdersOf, type ParameterFormat, type TemplateCategory, type TemplateComponent, type TemplateValues, type TemplateView } from "@/lib/templates/model";

// The manager's form state and its translation to Meta's components and back. Pure: the editor,
// its preview and its tests share it.

export type HeaderFormat = "NONE" | "TEXT" | "IMAGE" | "DOCUMENT";
export type DraftButton = { type: "QUICK_REPLY" | "URL" | "PHONE_NUMBER"; text: string; url: string; phone: string; example: string };

export type EditorState = {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  headerFormat: HeaderFormat;
  headerText: string;
  /** A sample file (a link Meta fetches) for a media header's review. */
  headerSample: string;
  body: string;
  footer: string;
  buttons: DraftButton[];
  /** An example per parameter, by name (`first_name`) or number (`1`): Meta's reviewers need them. */
  examples: Record<string, string>;
  teamIds: string[];
};

export const EMPTY_STATE: EditorState = {
  name: "",
  language: "en_US",
  category: "UTILITY",
  parameterFormat: "NAMED",
  headerFormat: "NONE",
  headerText: "",
  headerSample: "",
  body: "",
  footer: "",
  buttons: [],
  examples: {},
  teamIds: [],
};

export const newButton = (type: DraftButton["type"]): DraftButton => ({ type, text: "", url: type === "URL" ? "https://" : "", phone: "", example: "" });

/** The editor's sections, in the order their components are built (for the API's `components.N` paths). */
export type Section = "header" | "body" | "footer" | "buttons";

/** The parameters the draft names in its header and body, in order: one example field each. */
export function draftParams(s: Pick<EditorState, "headerFormat" | "headerText" | "body">): string[] {
  return [...new Set([...(s.headerFormat === "TEXT" ? placeholdersOf(s.headerText) : []), ...placeholdersOf(s.body)])];
}

/** Meta's components for the draft, and which section each index came from. */
export function toComponents(s: EditorState): { components: TemplateComponent[]; sections: Section[] } {
  const named = s.parameterFormat === "NAMED";
  const components: TemplateComponent[] = [];
  const sections: Section[] = [];
  const example = (key: string) => s.examples[key] ?? "";
  if (s.headerFormat === "TEXT") {
    const keys = placeholdersOf(s.headerText);
    components.push({
      type: "HEADER",
      format: "TEXT",
      text: s.headerText,
      ...(keys.length
        ? { example: named ? { header_text_named_params: keys.map((k) => ({ param_name: k, example: example(k) })) } : { header_text: keys.map(example) } }
        : {}),
    });
    sections.push("header");
  } else if (s.headerFormat !== "NONE") {
    components.push({ type: "HEADER", format: s.headerFormat, ...(s.headerSample.trim() ? { example: { header_handle: [s.headerSample.trim()] } } : {}) });
    sections.push("header");
  }
  const keys = placeholdersOf(s.body);
  components.push({
    type: "BODY",
    text: s.body,
    ...(keys.length ? { example: named ? { body_text_named_params: keys.map((k) => ({ param_name: k, example: example(k) })) } : { body_text: [keys.map(example)] } } : {}),
  });
  sections.push("body");
  if (s.footer.trim()) {
    components.push({ type: "FOOTER", text: s.footer });
    sections.push("footer");
  }
  if (s.buttons.length) {
    components.push({
      type: "BUTTONS",
      buttons: s.buttons.map((b) => {
        if (b.type === "URL") return { type: "URL", text: b.text, url: b.url, ...(placeholdersOf(b.url).length ? { example: [b.example] } : {}) };
        if (b.type === "PHONE_NUMBER") return { type: "PHONE_NUMBER", text: b.text, phone_number: b.phone };
        return { type: "QUICK_REPLY", text: b.text };
      }),
    });
    sections.push("buttons");
  }
  return { components, sections };
}

/** The form for an existing template (edit): the inverse of `toComponents`. */
export function fromTemplate(t: TemplateView): EditorState {
  const s: EditorState = { ...EMPTY_STATE, name: t.name, language: t.language, category: t.category, parameterFormat: t.parameterFormat, teamIds: t.teamIds, examples: {} };
  for (const c of t.components) {
    if (c.type === "HEADER") {
      s.headerFormat = c.format === "TEXT" || c.format === "IMAGE" || c.format === "DOCUMENT" ? c.format : "NONE";
      s.headerText = c.text ?? "";
      s.headerSample = c.example?.header_handle?.[0] ?? "";
      placeholdersOf(c.text).forEach((k, i) => (s.examples[k] = c.example?.header_text_named_params?.find((p) => p.param_name === k)?.example ?? c.example?.header_text?.[i] ?? ""));
    } else if (c.type === "BODY") {
      s.body = c.text;
      placeholdersOf(c.text).forEach((k, i) => (s.examples[k] = c.example?.body_text_named_params?.find((p) => p.param_name === k)?.example ?? c.example?.body_text?.[0]?.[i] ?? ""));
    } else if (c.type === "FOOTER") s.footer = c.text;
    else if (c.type === "BUTTONS") {
      s.buttons = c.buttons.map((b) => ({
        type: b.type,
        text: b.text,
        url: b.type === "URL" ? b.url : "",
        phone: b.type === "PHONE_NUMBER" ? b.phone_number : "",
        example: b.type === "URL" ? (b.example?.[0] ?? "") : "",
      }));
    }
  }
  return s;
}

/**
 * An API field path (`components.2.buttons.0.url`) as the editor's field key (`buttons.0.url`);
 * top-level fields (`name`, `language`…) stay as they are.
 */
export function fieldKeyOf(path: string, sections: Section[]): string {
  const m = /^components\.(\d+)(?:\.(.*))?$/.exec(path);
  if (!m) return path;
  const section = sections[Number(m[1])];
  if (!section) return "body";
  const rest = m[2];
  // The buttons component's own list is the section itself: `components.3.buttons.0.url` → `buttons.0.url`.
  if (section === "buttons" && rest?.startsWith("buttons")) return rest;
  return rest ? `${section}.${rest}` : section;
}

/** The examples as send values: the preview shows the template as Meta's reviewers will see it. */
export function exampleValues(s: EditorState): TemplateValues {
  const out: TemplateValues = {};
  for (const key of draftParams(s)) {
    const v = s.examples[key]?.trim();
    if (!v) continue;
    out[`body:${key}`] = { type: "text", text: v };
    out[`header:${key}`] = { type: "text", text: v };
  }
  s.buttons.forEach((b, i) => {
    if (b.type !== "URL" || !b.example.trim()) return;
    const prefix = b.url.split("{{")[0]!;
    out[`button:${i}:1`] = { type: "text", text: b.example.startsWith(prefix) ? b.example.slice(prefix.length) : b.example };
  });
  return out;
}
