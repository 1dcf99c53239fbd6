import { domainError } from "@/lib/errors/app-error";

// The reports domain's errors: a reason a client can translate and the English sentence for API users.
export const reportErrors = {
  workspaceNotFound: () => domainError("not_found", "report.workspace_not_found", "Workspace not found."),
  teamNotFound: () => domainError("not_found", "report.team_not_found", "That team does not exist in this workspace.", undefined, { team: ["Unknown team."] }),
  agentNotFound: () => domainError("not_found", "report.agent_not_found", "That teammate does not exist in this workspace.", undefined, { agent: ["Unknown teammate."] }),
};
