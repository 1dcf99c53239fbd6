import http from "node:http";
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

  test("pages carry a nonce CSP, no framing, nosniff and a referrer policy; nothing is refused while using the app", async ({ page, signIn }) => {
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    // /login runs no script at all: its own policy (e2e/login.spec.ts). The app's pages get a nonce.
    await signIn(page, USERS.agents.paolo);
    await page.getByRole("link").filter({ hasText: /./ }).first().waitFor();
    const res = await page.goto("/settings");
    const h = res!.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-inline' 'strict"); // no inline script allowance
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    // A fresh nonce per request.
    const again = await page.request.get("/settings");
    expect(again.headers()["content-security-policy"]).not.toBe(h["content-security-policy"]);
    expect(refused).toEqual([]);
    // The API answers JSON: a fixed policy that allows nothing at all, the same hardening headers,
    // and the signed-in session is read from the cookie as next-auth wrote it.
    const api = await page.request.get("/api/conversations?view=all");
    expect(api.status()).toBe(200);
    expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["x-frame-options"]).toBe("DENY");
    const anonymous = await page.request.get("/api/conversations?view=all", { headers: { cookie: "" } });
    expect(anonymous.status()).toBe(401);
  });

  test("one person cannot hold more than 12 live streams: the next is a 429", async ({ page, signIn, baseURL }) => {
    // A guard of each process's sockets and memory, so counted per process: behind the cluster's
    // balancer a person can hold 12 on each of its three apps (docs/scaling.md).
    test.skip(!!process.env.CLUSTER_URL, "the stream limit is per app process; the cluster has three");
    await signIn(page, USERS.agents.chiara);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    // Node's own sockets: a browser would queue requests beyond six per host instead.
    const open = () =>
      new Promise<{ status: number; req: http.ClientRequest }>((resolve, reject) => {
        const req = http.get(new URL("/api/events", baseURL), { headers: { cookie } }, (res) => resolve({ status: res.statusCode ?? 0, req }));
        req.on("error", reject);
      });
    const streams: { status: number; req: http.ClientRequest }[] = [];
    for (let i = 0; i < 14; i++) streams.push(await open());
    for (const s of streams) s.req.destroy();
    // The inbox tab of this page holds one stream already.
    const ok = streams.filter((s) => s.status === 200).length;
    expect(ok).toBeGreaterThanOrEqual(11);
    expect(ok).toBeLessThanOrEqual(12);
    expect(streams.slice(12).map((s) => s.status)).toEqual([429, 429]);
  });

});

