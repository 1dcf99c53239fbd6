import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { literalOf, preparedRead } from "./prepared";
import { useTestDatabase } from "@/lib/testing/use-test-database";

describe("preparedRead", () => {
  const database = useTestDatabase();

  it("builds a shape once per database and runs it with each call's values", async () => {
    let builds = 0;
    const read = () =>
      preparedRead(database.db, "prepared-test:shape", (name) => {
        builds++;
        return { name };
      });
    const first = read();
    expect(read()).toBe(first);
    expect(builds).toBe(1);
    // Named on a direct PostgreSQL connection; PGlite has no named statements.
    if (database.database.kind === "postgres") expect(first.name).toMatch(/^sportello_\d+$/);
    else expect(first.name).toBeUndefined();
  });

  it("runs a named statement with fresh values every time, past the switch to a generic plan", async () => {
    const q = preparedRead(database.db, "prepared-test:echo", (name) =>
      database.db.select({ v: sql<number>`${sql.placeholder("n")}::int * 2` }).from(sql`(select 1) as one`).prepare(name as string),
    );
    for (let n = 0; n < 8; n++) expect(await q.execute({ n })).toEqual([{ v: n * 2 }]);
  });
});

describe("literalOf", () => {
  it("quotes only a word from the list", () => {
    expect(literalOf("open", ["open", "pending"] as const)).toBe("'open'");
    expect(() => literalOf("x' or 1=1 --" as "open", ["open"] as const)).toThrow();
    expect(() => literalOf("Open" as "open", ["Open" as "open"])).toThrow();
  });
});
