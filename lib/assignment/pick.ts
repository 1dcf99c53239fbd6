// Pure: which agent gets the next conversation. Kept apart from the SQL so the rule reads at a glance.

export type AgentLoad = {
  id: string;
  name: string;
  /** Conversations assigned to them that are not resolved (open, pending, snoozed). */
  open: number;
  capacity: number;
  /** When they were last given a conversation (by anyone); null: never. */
  lastAssignedAt: Date | null;
};

export const hasRoom = (a: AgentLoad) => a.open < a.capacity;

/**
 * The agent with room and the fewest open conversations; a tie goes to the one idle longest
 * (the oldest last assignment, never assigned first), then by id so the choice is stable.
 */
export function pickAgent(agents: readonly AgentLoad[], exclude: ReadonlySet<string> = new Set()): AgentLoad | undefined {
  let best: AgentLoad | undefined;
  for (const a of agents) {
    if (!hasRoom(a) || exclude.has(a.id)) continue;
    if (!best || before(a, best)) best = a;
  }
  return best;
}

const idle = (a: AgentLoad) => a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;

function before(a: AgentLoad, b: AgentLoad): boolean {
  if (a.open !== b.open) return a.open < b.open;
  if (idle(a) !== idle(b)) return idle(a) < idle(b);
  return a.id < b.id;
}

/** Free slots among these agents (what a drain can hand out at most). */
export function roomOf(agents: readonly AgentLoad[], exclude: ReadonlySet<string> = new Set()): number {
  return agents.reduce((n, a) => n + (exclude.has(a.id) ? 0 : Math.max(0, a.capacity - a.open)), 0);
}
