import { domainError } from "@/lib/errors/app-error";

// The conversation domain's errors: a reason a client can translate, its params, and the English
// sentence for API users. lib/http maps the kind to the status.
export const conversationErrors = {
  notFound: () => domainError("not_found", "conversation.not_found", "Conversation not found."),
  resolved: (doing: "reply" | "retry" = "reply") =>
    domainError("conflict", "conversation.resolved", `This conversation is resolved. Reopen it to ${doing}.`, { doing }),
  transition: (from: string, to: string, message: string) => domainError("conflict", "conversation.transition", message, { from, to }),
  ownedBySomeoneElse: () => domainError("forbidden", "assign.owned_by_someone_else", "This conversation belongs to someone else. Ask a team lead to reassign it."),
  assignNotAllowed: () => domainError("forbidden", "assign.not_allowed", "Only team leads and admins can assign conversations to others."),
  teamNotAllowed: () => domainError("forbidden", "assign.team_not_allowed", "Only team leads and admins can move conversations between teams."),
  unknownTeammate: () => domainError("validation_failed", "assign.unknown_teammate", "That teammate does not exist.", undefined, { assigneeId: ["Unknown user."] }),
  unknownTeam: () => domainError("validation_failed", "assign.unknown_team", "That team does not exist.", undefined, { teamId: ["Unknown team."] }),
  teammateDeactivated: (name: string) => domainError("conflict", "assign.teammate_deactivated", `${name} is deactivated and cannot take conversations.`, { name }),
  anotherLiveConversation: () =>
    domainError("conflict", "conversation.another_live", "This customer already has another open conversation on this number. Continue there instead."),
};
