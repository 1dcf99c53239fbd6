import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { describeMe } from "./me";
import { findUserLocale, updateUserLocale } from "./locale";
import { updateLocaleSchema } from "./schemas";

describe(`the user's UI language (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("starts unset, is saved, shows in /api/me, and goes back to the browser's with null", async () => {
    const { workspace } = await makeWorkspace(db);
    const user = await makeUser(db, workspace.id);
    const ref = { workspaceId: workspace.id, userId: user.id };
    expect(await findUserLocale(db, ref)).toBeNull();
    expect((await describeMe(db, actorOf(user))).user.locale).toBeNull();

    expect(await updateUserLocale(db, { ...ref, locale: "it" })).toEqual({ locale: "it" });
    expect(await findUserLocale(db, ref)).toBe("it");
    expect((await describeMe(db, actorOf(user))).user.locale).toBe("it");

    await updateUserLocale(db, { ...ref, locale: null });
    expect(await findUserLocale(db, ref)).toBeNull();
  });

  it("changes only that user, and only inside their workspace", async () => {
    const a = await makeWorkspace(db, "A Air");
    const b = await makeWorkspace(db, "B Air");
    const me = await makeUser(db, a.workspace.id);
    const colleague = await makeUser(db, a.workspace.id, "lead");
    await updateUserLocale(db, { workspaceId: a.workspace.id, userId: me.id, locale: "it" });
    expect(await findUserLocale(db, { workspaceId: a.workspace.id, userId: colleague.id })).toBeNull();

    // Another workspace's id for the same user matches no row: nothing changes, and it says so.
    await expect(updateUserLocale(db, { workspaceId: b.workspace.id, userId: me.id, locale: "en" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateUserLocale(db, { workspaceId: b.workspace.id, userId: me.id, locale: "en" })).rejects.toBeInstanceOf(AppError);
    expect(await findUserLocale(db, { workspaceId: a.workspace.id, userId: me.id })).toBe("it");
    expect(await findUserLocale(db, { workspaceId: b.workspace.id, userId: me.id })).toBeNull();
  });

  it("accepts only the languages the UI has, or null", () => {
    expect(updateLocaleSchema.parse({ locale: "it" })).toEqual({ locale: "it" });
    expect(updateLocaleSchema.parse({ locale: null })).toEqual({ locale: null });
    for (const bad of [{ locale: "fr" }, { locale: "IT" }, { locale: "" }, {}]) expect(updateLocaleSchema.safeParse(bad).success).toBe(false);
  });
});
