import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateView } from "@/lib/templates/model";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";
import { validateTemplate } from "@/lib/templates/validate";
import { EMPTY_STATE, exampleValues, fieldKeyOf, fromTemplate, toComponents, type EditorState } from "./template-draft";

const view = (t: (typeof SEED_TEMPLATES)[number]): TemplateView => ({ ...t, id: "x", wabaId: "1", metaId: t.metaId, rejectionReason: null, teamIds: [], updatedAt: "", qualityScore: t.qualityScore });

describe("the manager's draft", () => {
  it("every seeded template survives the editor unchanged (form → components is the inverse of components → form)", () => {
    for (const seed of SEED_TEMPLATES) {
      expect(toComponents(fromTemplate(view(seed))).components, `${seed.name}:${seed.language}`).toEqual(seed.components);
    }
  });

  it("a named draft carries an example per parameter, and WhatsApp's rules pass", () => {
    const s: EditorState = {
      ...EMPTY_STATE,
      name: "gate_change",
      language: "it",
      headerFormat: "TEXT",
      headerText: "Cambio gate per {{flight}}",
      body: "Ciao {{first_name}}, il volo *{{flight}}* parte dal gate {{gate}}.",
      footer: "Volo Azzurro",
      buttons: [{ type: "URL", text: "Dettagli", url: "https://x.example/f/{{1}}", phone: "", example: "https://x.example/f/AZ1284" }],
      examples: { flight: "AZ 1284", first_name: "Giulia", gate: "B14" },
    };
    const { components, sections } = toComponents(s);
    expect(sections).toEqual(["header", "body", "footer", "buttons"]);
    expect(components[0]).toEqual({ type: "HEADER", format: "TEXT", text: "Cambio gate per {{flight}}", example: { header_text_named_params: [{ param_name: "flight", example: "AZ 1284" }] } });
    expect(components[1]).toMatchObject({ example: { body_text_named_params: [{ param_name: "first_name", example: "Giulia" }, { param_name: "flight", example: "AZ 1284" }, { param_name: "gate", example: "B14" }] } });
    expect(validateTemplate({ name: s.name, language: s.language, category: s.category, parameterFormat: s.parameterFormat, components })).toEqual([]);
    // The preview shows the examples, as Meta's reviewers see them.
    const r = renderTemplate({ components }, exampleValues(s));
    expect(r.header?.text).toBe("Cambio gate per AZ 1284");
    expect(r.body).toBe("Ciao Giulia, il volo *AZ 1284* parte dal gate B14.");
    expect(r.buttons[0]?.url).toBe("https://x.example/f/AZ1284");
  });

  it("positional drafts use body_text; a missing example is a rule broken on the examples", () => {
    const s: EditorState = { ...EMPTY_STATE, name: "p", parameterFormat: "POSITIONAL", body: "Hi {{1}}, see you {{2}}." };
    const { components, sections } = toComponents(s);
    expect(components[0]).toEqual({ type: "BODY", text: "Hi {{1}}, see you {{2}}.", example: { body_text: [["", ""]] } });
    const issues = validateTemplate({ name: s.name, language: s.language, category: s.category, parameterFormat: s.parameterFormat, components });
    expect(issues.map((i) => fieldKeyOf(i.path, sections))).toContain("body.example");
  });

  it("maps the API's component paths to the editor's fields", () => {
    const sections = ["header", "body", "buttons"] as const;
    expect(fieldKeyOf("components.2.buttons.0.url", [...sections])).toBe("buttons.0.url");
    expect(fieldKeyOf("components.0.text", [...sections])).toBe("header.text");
    expect(fieldKeyOf("components.1.example", [...sections])).toBe("body.example");
    expect(fieldKeyOf("components.2.buttons", [...sections])).toBe("buttons");
    expect(fieldKeyOf("name", [...sections])).toBe("name");
  });
});
