import { domainError, type FieldErrors } from "@/lib/errors/app-error";

// The templates domain's errors: a reason a client can translate, its params, and the English
// sentence for API users. lib/http maps the kind to the status.
export const templateErrors = {
  notFound: () => domainError("not_found", "template.not_found", "Template not found."),
  /** WhatsApp's rules, checked before a submission: field errors keyed like `components.1.text`. */
  rules: (fields: FieldErrors) => domainError("validation_failed", "template.rules", "The template breaks WhatsApp's rules.", { count: Object.keys(fields).length }, fields),
  duplicate: (name: string, language: string) =>
    domainError("conflict", "template.duplicate", `A template named ${name} in ${language} already exists.`, { name, language }, { name: ["A template with this name and language already exists."] }),
  noAccount: () => domainError("conflict", "template.no_account", "No WhatsApp Business account is connected: connect a number with its account id first."),
  unknownTeam: () => domainError("validation_failed", "template.unknown_team", "That team does not exist.", undefined, { teamIds: ["Unknown team."] }),
  notEditable: (status: string) =>
    domainError("conflict", "template.not_editable", `A ${status.toLowerCase()} template cannot be edited now.`, { status }),
  upstream: (detail: string) => domainError("upstream_failed", "template.upstream", `WhatsApp did not accept the request: ${detail}`, { detail }),
};
