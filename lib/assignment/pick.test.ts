import { describe, expect, it } from "vitest";
import { pickAgent, roomOf, type AgentLoad } from "./pick";

const agent = (id: string, open: number, capacity = 8, last: string | null = null): AgentLoad => ({ id, name: id, open, capacity, lastAssignedAt: last ? new Date(last) : null });

describe("pickAgent", () => {
  it("gives the conversation to the agent with room and the fewest open ones", () => {
    expect(pickAgent([agent("a", 3), agent("b", 1), agent("c", 2)])?.id).toBe("b");
    expect(pickAgent([agent("a", 3, 3), agent("b", 5, 5), agent("c", 4, 8)])?.id).toBe("c");
    expect(pickAgent([agent("a", 3, 3), agent("b", 0, 0)])).toBeUndefined();
  });

  it("breaks a tie by who has been idle longest (never assigned first), then by id", () => {
    const agents = [agent("a", 2, 8, "2026-03-01T10:05:00Z"), agent("b", 2, 8, "2026-03-01T10:00:00Z"), agent("c", 2, 8, "2026-03-01T10:09:00Z")];
    expect(pickAgent(agents)?.id).toBe("b");
    expect(pickAgent([...agents, agent("d", 2)])?.id).toBe("d");
    expect(pickAgent([agent("y", 1), agent("x", 1)])?.id).toBe("x");
  });

  it("skips excluded agents and counts the room left", () => {
    const agents = [agent("a", 1, 3), agent("b", 2, 3), agent("c", 3, 3)];
    expect(pickAgent(agents, new Set(["a"]))?.id).toBe("b");
    expect(roomOf(agents)).toBe(3);
    expect(roomOf(agents, new Set(["a"]))).toBe(1);
  });
});
