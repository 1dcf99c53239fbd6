import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { admitStream } from "./streams";

describe("live stream caps", () => {
  it("refuses a user's stream beyond the per-user cap with 429, and admits again once one closes", () => {
    const limits = { perUser: 3, total: 100 };
    const releases = [admitStream("u-cap", limits), admitStream("u-cap", limits), admitStream("u-cap", limits)];
    let refused: unknown;
    try {
      admitStream("u-cap", limits);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 429, reason: "events.too_many_streams" });
    // Someone else is not affected by this user's tabs.
    const other = admitStream("u-other", limits);
    releases[0]!();
    releases[0]!(); // releasing twice frees one slot, not two
    const again = admitStream("u-cap", limits);
    expect(() => admitStream("u-cap", limits)).toThrow(AppError);
    for (const r of [...releases, other, again]) r();
  });

  it("refuses any stream beyond the process cap", () => {
    const limits = { perUser: 10, total: 4 };
    const held = ["a", "b", "c", "d"].map((u) => admitStream(`total-${u}`, limits));
    expect(() => admitStream("total-e", limits)).toThrow(expect.objectContaining({ status: 429, reason: "events.server_busy" }));
    for (const r of held) r();
    admitStream("total-e", limits)();
  });
});
