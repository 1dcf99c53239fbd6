import { domainError } from "@/lib/errors/app-error";

// The routing domain's errors: a reason a client can translate, its params, and the English
// sentence for API users. lib/http maps the kind to the status.
export const assignmentErrors = {
  unknownTeam: () => domainError("not_found", "team.not_found", "Team not found."),
  unknownMember: () => domainError("not_found", "team.member_not_found", "Teammate not found."),
};
