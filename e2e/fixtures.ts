import { createHmac } from "node:crypto";
import zlib from "node:zlib";
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

/** Password of every seeded demo user (scripts/seed.ts). */
export const DEMO_PASSWORD = "sportello-demo";

const email = (name: string) => `${name}@voloazzurro.it`;

/** Seeded demo users by role. */
export const USERS = {
  agents: {
    giulia: email("giulia"),
    luca: email("luca"),
    sara: email("sara"),
    paolo: email("paolo"),
    chiara: email("chiara"),
  },
  leads: {
    marco: email("marco"),
    elena: email("elena"),
  },
  admin: email("admin"),
} as const;

export type SignIn = (page: Page, email: string, password?: string) => Promise<void>;

/** Signs in through the login form and waits for the inbox. */
export const signIn: SignIn = async (page, userEmail, password = DEMO_PASSWORD) => {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(userEmail);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
};

export const test = base.extend<{ signIn: SignIn }>({
  signIn: async ({}, use) => {
    await use(signIn);
  },
});

export { expect };

/** An API client signed in through next-auth's credentials flow (no browser), checked with /api/me. */
export async function signedInApi(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.status(), `sign in as ${email}`).toBeLessThan(400);
  expect((await ctx.get("/api/me")).status(), `session for ${email}`).toBe(200);
  return ctx;
}

// ---- Customers: specs create their own conversations through the signed webhook, as Meta would.

export const E2E_APP_SECRET = "e2e-app-secret";
export const DEMO_PHONE_NUMBER_ID = "106540352242922";

export function signBody(body: string, secret = E2E_APP_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export type Customer = { waId: string; name: string };

export function newCustomer(prefix = "E2E"): Customer {
  const n = Math.floor(Math.random() * 1e8).toString().padStart(8, "0");
  return { waId: `3933${n}`, name: `${prefix} ${n.slice(0, 4)} ${["Rossi", "Bianchi", "Greco", "Galli"][Number(n[7]) % 4]}` };
}

/** Posts one inbound text message from `customer` through /api/webhooks/whatsapp. */
export async function customerWrites(request: APIRequestContext, customer: Customer, text: string, opts: { at?: Date } = {}): Promise<string> {
  const wamid = `wamid.E2E${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "390688880000", phone_number_id: DEMO_PHONE_NUMBER_ID },
              contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
              messages: [{ from: customer.waId, id: wamid, timestamp: String(Math.floor((opts.at ?? new Date()).getTime() / 1000)), type: "text", text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
  const res = await request.post("/api/webhooks/whatsapp", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body) },
  });
  expect(res.status()).toBe(200);
  return wamid;
}

/**
 * The id of `customer`'s conversation as the inbox lists it, once their webhook has been processed.
 * Stored (200) is not yet processed: behind a balancer the next request may reach another process
 * before the batch that holds it has run, so this asks until it is there.
 */
export async function conversationOf(agent: APIRequestContext, customer: Customer): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const list = await (await agent.get("/api/conversations?view=all&limit=50")).json();
      id = (list.items as { id: string }[]).find((c) => JSON.stringify(c).includes(customer.name))?.id;
      return id;
    }, { message: "the customer's conversation" })
    .toBeTruthy();
  return id!;
}

/** A real PNG of one colour (for uploads): signature, IHDR, one IDAT, IEND. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}
