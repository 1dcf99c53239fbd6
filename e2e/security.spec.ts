import { request as playwrightRequest } from "@playwright/test";
import { expect, test, USERS } from "./fixtures";

test.describe("sessions and requests a deployment can trust", () => {
  test("signing out revokes the session on the server: a copied cookie stops working", async ({ page, signIn, baseURL }) => {
    await signIn(page, USERS.agents.sara);
    const cookies = await page.context().cookies();
    const copied = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const stolen = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: copied } });
    expect((await stolen.get("/api/me")).status()).toBe(200);

    await page.getByRole("button", { name: /account|sara/i }).first().click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);

    const after = await stolen.get("/api/me");
    expect(after.status()).toBe(401);
    expect((await after.json()).error.code).toBe("unauthorized");
    // Pages too: the copied cookie lands on the sign-in page, not the inbox.
    const inbox = await stolen.get("/inbox", { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(inbox.status());
    await stolen.dispose();
  });

  test("a form posted from another origin cannot send a reply; API answers are never cached", async ({ page, signIn }) => {
    await signIn(page, USERS.agents.giulia);
    const convId = new URL(page.url()).pathname.split("/")[2];
    const list = await page.request.get("/api/conversations?limit=1");
    expect(list.headers()["cache-control"]).toBe("no-store");
    const id = convId || (await list.json()).items[0].id;
    const forged = await page.request.post(`/api/conversations/${id}/messages`, {
      headers: { "content-type": "text/plain", origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" },
      data: JSON.stringify({ text: "forged" }),
    });
    expect(forged.status()).toBe(403);
    const plain = await page.request.post(`/api/conversations/${id}/messages`, { headers: { "content-type": "text/plain" }, data: JSON.stringify({ text: "plain" }) });
    expect(plain.status()).toBe(415);
  });

  test("unknown API paths answer JSON, and a crafted sign-in redirect stays on this site", async ({ page, signIn }) => {
    const res = await page.request.get("/api/no/such/route");
    expect(res.status()).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", reason: "api.unknown_route" } });
    await signIn(page, USERS.agents.luca);
    for (const target of ["/%09/evil.example/x", "/%0a/x", "//evil.example", "/\\evil.example"]) {
      const r = await page.goto(`/login?callbackUrl=${target}`);
      expect(r?.status()).toBeLessThan(500);
      expect(new URL(page.url()).host).toBe(new URL(page.url()).host);
      expect(page.url()).not.toContain("evil.example");
      await expect(page).toHaveURL(/\/inbox/);
    }
  });
});
