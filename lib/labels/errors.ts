import { domainError } from "@/lib/errors/app-error";

export const labelErrors = {
  notFound: () => domainError("not_found", "label.not_found", "Label not found."),
  nameTaken: (name: string) => domainError("conflict", "label.name_taken", `There is already a label called "${name}".`, { name }, { name: ["Already in use."] }),
  unknown: (ids: string[]) => domainError("validation_failed", "label.unknown", "One or more labels do not exist.", undefined, { labelIds: [`Unknown: ${ids.join(", ")}`] }),
};
