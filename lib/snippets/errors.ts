import { domainError } from "@/lib/errors/app-error";

// The snippets domain's errors: a reason a client can translate, its params, and the English
// sentence for API users.
export const snippetErrors = {
  notFound: () => domainError("not_found", "snippet.not_found", "Snippet not found."),
  duplicate: (shortcut: string) =>
    domainError("conflict", "snippet.duplicate", `The shortcut /${shortcut} is already taken.`, { shortcut }, { shortcut: ["This shortcut is already taken."] }),
};
