import { describe, expect, it } from "vitest";
import { SEED_TEMPLATES } from "./seed-templates";
import { createTranslator } from "next-intl";
import { en, it as itMessages } from "@/messages";
import { issuesToFieldErrors, TEMPLATE_RULES, validateTemplate, type TemplateDraft, type TemplateRule } from "./validate";

const body = (text: string, names: Record<string, string> = {}) => ({
  type: "BODY",
  text,
  ...(Object.keys(names).length ? { example: { body_text_named_params: Object.entries(names).map(([param_name, example]) => ({ param_name, example })) } } : {}),
});
const valid = (): TemplateDraft & { components: Record<string, unknown>[] } => ({
  name: "seat_upgrade",
  language: "en_US",
  category: "UTILITY",
  parameterFormat: "NAMED",
  components: [body("Hi {{first_name}}, seat {{seat}} is yours.", { first_name: "Giulia", seat: "12A" })],
});
const rules = (d: TemplateDraft) => validateTemplate(d).map((i) => i.rule);
const only = (d: TemplateDraft, rule: TemplateRule, path?: string) => {
  const issues = validateTemplate(d);
  expect(issues.map((i) => i.rule)).toEqual([rule]);
  if (path) expect(issues[0]!.path).toBe(path);
};

describe("template rules (WhatsApp's, checked before submitting)", () => {
  it("every seeded template passes", () => {
    for (const t of SEED_TEMPLATES) expect(validateTemplate(t), `${t.name}:${t.language}`).toEqual([]);
  });

  it("name: lowercase letters, digits and underscores, at most 512", () => {
    expect(rules({ ...valid(), name: "seat_upgrade_2" })).toEqual([]);
    only({ ...valid(), name: "Seat-Upgrade" }, "name_format", "name");
    only({ ...valid(), name: "" }, "name_format", "name");
    only({ ...valid(), name: "a".repeat(513) }, "name_length", "name");
    expect(rules({ ...valid(), name: "a".repeat(512) })).toEqual([]);
  });

  it("language: a WhatsApp code; category: one of Meta's, authentication not writable here", () => {
    for (const language of ["it", "en_US", "pt_BR"]) expect(rules({ ...valid(), language })).toEqual([]);
    only({ ...valid(), language: "english" }, "language_format", "language");
    only({ ...valid(), language: "en-US" }, "language_format");
    only({ ...valid(), category: "SERVICE" }, "category_invalid", "category");
    only({ ...valid(), category: "AUTHENTICATION" }, "category_unsupported");
    expect(rules({ ...valid(), category: "MARKETING" })).toEqual([]);
  });

  it("a BODY is required, once, not empty, at most 1024 characters", () => {
    only({ ...valid(), components: [{ type: "FOOTER", text: "Volo Azzurro" }] }, "body_missing", "components");
    only({ ...valid(), parameterFormat: "POSITIONAL", components: [body("   ")] }, "body_empty", "components.0.text");
    only({ ...valid(), parameterFormat: "POSITIONAL", components: [body("x".repeat(1025))] }, "body_too_long", "components.0.text");
    expect(rules({ ...valid(), parameterFormat: "POSITIONAL", components: [body("x".repeat(1024))] })).toEqual([]);
    const twice = valid();
    twice.components.push(body("Another body."));
    only(twice, "component_repeated", "components.1");
    only({ ...valid(), components: [{ type: "CAROUSEL" }, ...valid().components] }, "components_invalid", "components.0");
  });

  it("the body may not start or end with a parameter", () => {
    only({ ...valid(), components: [body("{{first_name}}, seat 12A is yours.", { first_name: "G" })] }, "body_edge_parameter", "components.0.text");
    only({ ...valid(), components: [body("Hi, your seat is {{seat}}", { seat: "12A" })] }, "body_edge_parameter");
  });

  it("a TEXT header: its text, at most 60 characters, at most one parameter with its example", () => {
    const withHeader = (h: Record<string, unknown>) => ({ ...valid(), components: [h, ...valid().components] });
    expect(rules(withHeader({ type: "HEADER", format: "TEXT", text: "Flight {{flight}}", example: { header_text_named_params: [{ param_name: "flight", example: "AZ 1284" }] } }))).toEqual([]);
    only(withHeader({ type: "HEADER", format: "TEXT", text: "x".repeat(61) }), "header_too_long", "components.0.text");
    only(withHeader({ type: "HEADER", format: "TEXT", text: "" }), "header_text_missing");
    expect(rules(withHeader({ type: "HEADER", format: "TEXT", text: "{{flight}} {{seat}}", example: { header_text_named_params: [{ param_name: "flight", example: "AZ" }] } }))).toContain("header_too_many_parameters");
    only(withHeader({ type: "HEADER", format: "TEXT", text: "Flight {{flight}}" }), "example_missing", "components.0.example");
    expect(rules(withHeader({ type: "HEADER", format: "DOCUMENT" }))).toEqual([]);
  });

  it("a FOOTER: at most 60 characters, no parameters", () => {
    const withFooter = (text: string) => ({ ...valid(), components: [...valid().components, { type: "FOOTER", text }] });
    expect(rules(withFooter("Volo Azzurro"))).toEqual([]);
    only(withFooter("x".repeat(61)), "footer_too_long", "components.1.text");
    only(withFooter("Ref {{pnr}}"), "footer_parameter", "components.1.text");
  });

  it("buttons: at most 3 quick replies, 2 links, 1 call, 10 in all, text at most 25", () => {
    const withButtons = (buttons: Record<string, unknown>[]) => ({ ...valid(), components: [...valid().components, { type: "BUTTONS", buttons }] });
    const qr = (text = "Yes") => ({ type: "QUICK_REPLY", text });
    const url = { type: "URL", text: "Open", url: "https://www.voloazzurro.example/b" };
    expect(rules(withButtons([qr(), qr(), qr(), url, url]))).toEqual([]);
    only(withButtons([qr(), qr(), qr(), qr()]), "quick_replies_too_many", "components.1.buttons");
    only(withButtons([url, url, url]), "url_buttons_too_many");
    only(withButtons([{ type: "PHONE_NUMBER", text: "Call", phone_number: "+390612345678" }, { type: "PHONE_NUMBER", text: "Call", phone_number: "+390612345678" }]), "phone_buttons_too_many");
    expect(rules(withButtons(Array.from({ length: 11 }, () => url)))).toContain("buttons_too_many");
    only(withButtons([qr("x".repeat(26))]), "button_text_too_long", "components.1.buttons.0.text");
    only(withButtons([qr(" ")]), "button_text_missing");
    only(withButtons([]), "buttons_empty");
    only(withButtons([{ type: "PHONE_NUMBER", text: "Call", phone_number: "call us" }]), "phone_invalid", "components.1.buttons.0.phone_number");
  });

  it("a link button's only parameter is a {{1}} suffix, with an example", () => {
    const link = (u: string, example?: string[]) => ({ ...valid(), components: [...valid().components, { type: "BUTTONS", buttons: [{ type: "URL", text: "Check in", url: u, ...(example ? { example } : {}) }] }] });
    expect(rules(link("https://www.voloazzurro.example/checkin/{{1}}", ["https://www.voloazzurro.example/checkin/X7K2QM"]))).toEqual([]);
    only(link("https://www.voloazzurro.example/{{1}}/checkin", ["x"]), "url_parameter_not_suffix", "components.1.buttons.0.url");
    only(link("https://www.voloazzurro.example/checkin/{{pnr}}", ["x"]), "url_parameter_not_suffix");
    only(link("https://www.voloazzurro.example/{{1}}/{{2}}", ["x"]), "url_parameter_not_suffix");
    only(link("https://www.voloazzurro.example/checkin/{{1}}"), "url_example_missing", "components.1.buttons.0.example");
    only(link("ftp://voloazzurro.example/"), "url_invalid");
  });

  it("parameters are all numbered 1..n in order, or all named (lowercase and underscores), never mixed", () => {
    const positional = (text: string, examples: string[]) => ({ ...valid(), parameterFormat: "POSITIONAL", components: [{ type: "BODY", text, example: { body_text: [examples] } }] });
    expect(rules(positional("Hi {{1}}, seat {{2}} is yours.", ["Giulia", "12A"]))).toEqual([]);
    only(positional("Hi {{1}}, seat {{3}} is yours.", ["Giulia", "-", "12A"]), "parameters_not_sequential", "components.0.text");
    only(positional("Hi {{2}}, seat {{1}} is yours.", ["Giulia", "12A"]), "parameters_not_sequential");
    expect(rules(positional("Hi {{1}}, seat {{seat}} is yours.", ["Giulia", "12A"]))).toContain("parameter_named_in_positional");
    only({ ...valid(), components: [body("Hi {{first_name}}, seat {{1}} is yours.", { first_name: "G", "1": "12A" })] }, "parameter_positional_in_named");
    only({ ...valid(), components: [body("Hi {{First_Name}}, welcome.", { First_Name: "G" })] }, "parameter_name_invalid");
    only({ ...valid(), components: [body("Hi {{first name}}, welcome.")] }, "parameter_malformed");
    expect(rules({ ...valid(), parameterFormat: "BOTH" })).toContain("parameter_format_invalid");
  });

  it("every parameter has an example", () => {
    only({ ...valid(), components: [body("Hi {{first_name}}, seat {{seat}} is yours.", { first_name: "Giulia" })] }, "example_missing", "components.0.example");
    only({ ...valid(), parameterFormat: "POSITIONAL", components: [{ type: "BODY", text: "Hi {{1}}, seat {{2}} is yours.", example: { body_text: [["Giulia"]] } }] }, "example_missing");
    only({ ...valid(), components: [body("Hi {{first_name}}, seat {{seat}} is yours.", { first_name: "Giulia", seat: " " })] }, "example_missing");
  });

  it("issues become the API's field errors by path", () => {
    const d = { ...valid(), name: "Bad Name", components: [body("x".repeat(1025))] };
    expect(issuesToFieldErrors(validateTemplate({ ...d, parameterFormat: "POSITIONAL" }))).toEqual({ name: ["Use lowercase letters, digits and underscores only."], "components.0.text": ["At most 1024 characters."] });
  });

  it("every rule has its sentence in English and Italian (templatesServer.rules), parameters filled in", () => {
    for (const messages of [en, itMessages]) {
      const t = createTranslator({ locale: "en", messages, namespace: "templatesServer.rules" });
      for (const rule of TEMPLATE_RULES) expect(t.has(rule), rule).toBe(true);
    }
    const t = createTranslator({ locale: "en", messages: en, namespace: "templatesServer.rules" });
    expect(t("parameter_named_in_positional", { key: "seat" })).toBe("{{seat}} is named, but this template uses numbered parameters.");
    expect(t("url_parameter_not_suffix")).toBe("A link may end with {{1}} and have no other parameter.");
  });
});
