import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBody } from "./signature";
import type { StoredWebhookEvent } from "./store-webhook";
import { createNodeWebhookHandler, WEBHOOK_PATH } from "./webhook-node";

// The lean path must answer exactly like the route: same statuses, same JSON error shape.
describe("lean node:http webhook handler", () => {
  const stored: string[] = [];
  let storedCalls = 0;
  let failStore = false;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const handler = createNodeWebhookHandler({
      appSecret: () => "node-secret",
      store: async (raw): Promise<StoredWebhookEvent> => {
        if (failStore) throw new Error("database is down");
        stored.push(raw);
        return { id: stored.length, status: raw.startsWith("{") ? "pending" : "malformed" };
      },
      onStored: () => storedCalls++,
      log: () => {},
    });
    server = createServer(handler).listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  });
  afterAll(() => server?.close());

  const post = (body: string, signature?: string) =>
    fetch(url, { method: "POST", body, headers: signature ? { "x-hub-signature-256": signature } : {} });

  it("stores a signed body and answers 200, then asks for processing", async () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const res = await post(body, signBody(body, "node-secret"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(stored.at(-1)).toBe(body);
    expect(storedCalls).toBe(1);
  });

  it("401 and nothing stored without a valid signature", async () => {
    const before = stored.length;
    for (const sig of [undefined, "sha256=00", signBody("other bytes", "node-secret"), signBody("{}", "wrong-secret")]) {
      const res = await post("{}", sig);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect(stored.length).toBe(before);
  });

  it("400 for a signed malformed body, which is kept for inspection", async () => {
    const res = await post("not json", signBody("not json", "node-secret"));
    expect(res.status).toBe(400);
    expect(stored.at(-1)).toBe("not json");
  });

  it("413 for a body over 1 MiB, nothing stored", async () => {
    const before = stored.length;
    const big = `{"x":"${"a".repeat(1024 * 1024)}"}`;
    const res = await post(big, signBody(big, "node-secret"));
    expect(res.status).toBe(413);
    expect(stored.length).toBe(before);
  });

  it("503 (Meta retries) when storage fails, never 500", async () => {
    failStore = true;
    try {
      const body = '{"object":"whatsapp_business_account","entry":[]}';
      const res = await post(body, signBody(body, "node-secret"));
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("internal");
    } finally {
      failStore = false;
    }
  });
});
