import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { conversationOf, customerWrites, DEMO_PASSWORD, expect, newCustomer, signedInApi, test, USERS } from "./fixtures";

// The payment-request API over HTTP, as the composer, the pay page and a lead will call it:
// create (Idempotency-Key), the public pay view (noindex), the sandbox card form (declined stays
// pending, 4242 pays), an agent's refund approved by a lead, and a forged webhook refused.

test("payment requests: create, pay on the public link, refund with a lead's approval", async ({ baseURL }) => {
  const agent = await signedInApi(baseURL!, USERS.agents.chiara, DEMO_PASSWORD);
  const lead = await signedInApi(baseURL!, USERS.leads.elena, DEMO_PASSWORD);
  const anon = await playwrightRequest.newContext({ baseURL });
  const customer = newCustomer("Pay");
  await customerWrites(anon, customer, "Can I upgrade my seat?");
  const conv = { id: await conversationOf(agent, customer) };

  const body = { conversationId: conv!.id, currency: "EUR", lineItems: [{ name: "Seat upgrade 12A", quantity: 1, unitAmount: 9000 }], description: "Seat upgrade", amountTotal: 1 };
  const json = { "content-type": "application/json" };
  expect((await agent.post("/api/payment-requests", { headers: json, data: body })).status()).toBe(400);
  const key = randomUUID();
  const created = await agent.post("/api/payment-requests", { headers: { ...json, "idempotency-key": key }, data: body });
  expect(created.status()).toBe(201);
  const r = await created.json();
  expect(r).toMatchObject({ status: "pending", amountTotal: 9000, currency: "EUR" });
  const again = await agent.post("/api/payment-requests", { headers: { ...json, "idempotency-key": key }, data: body });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(r.id);
  expect((await agent.post("/api/payment-requests", { headers: { ...json, "idempotency-key": key }, data: { ...body, description: "Other" } })).status()).toBe(409);

  const path = new URL(r.payUrl).pathname; // /pay/<token>
  const view = await anon.get(`/api${path}`);
  expect(view.status()).toBe(200);
  expect(view.headers()["x-robots-tag"]).toContain("noindex");
  expect(await view.json()).toMatchObject({ status: "pending", amountTotal: 9000, business: { verified: expect.any(Boolean) } });
  expect((await anon.get("/api/pay/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status()).toBe(404);

  const card = { cardNumber: "4000 0000 0000 0002", expiry: "12/34", cvc: "123", name: "Pay Customer" };
  // A form posted from another site is refused.
  expect((await anon.post(`/api${path}/sandbox`, { headers: { ...json, origin: "https://evil.example" }, data: card })).status()).toBe(403);
  const declined = await anon.post(`/api${path}/sandbox`, { headers: json, data: card });
  expect(await declined.json()).toMatchObject({ outcome: "declined", payment: { status: "pending" } });
  const paid = await anon.post(`/api${path}/sandbox`, { headers: json, data: { ...card, cardNumber: "4242 4242 4242 4242" } });
  expect(await paid.json()).toMatchObject({ outcome: "paid", payment: { status: "paid" } });
  expect((await (await agent.get(`/api/payment-requests/${r.id}`)).json()).status).toBe("paid");

  const asked = await agent.post(`/api/payment-requests/${r.id}/refund`, { headers: { ...json, "idempotency-key": randomUUID() }, data: { amount: 4000, reason: "Seat not available" } });
  expect(asked.status()).toBe(201);
  const { refund } = await asked.json();
  expect(refund.status).toBe("requested");
  expect((await agent.post(`/api/payment-requests/${r.id}/refunds/${refund.id}/approve`, { headers: json })).status()).toBe(403);
  const approved = await lead.post(`/api/payment-requests/${r.id}/refunds/${refund.id}/approve`, { headers: json });
  expect(approved.status()).toBe(200);
  expect(await approved.json()).toMatchObject({ refund: { status: "succeeded" }, request: { status: "partially_refunded", amountRefunded: 4000 } });

  const forged = await anon.post("/api/webhooks/payments/sandbox", { headers: { ...json, "sandbox-signature": "t=1,v1=00" }, data: { id: "evt_x", type: "payment.captured", created: 1, data: { paymentRequestId: r.id } } });
  expect(forged.status()).toBe(400);

  const page = await (await lead.get(`/api/payment-requests?conversationId=${conv!.id}`)).json();
  expect(page.items.map((i: { id: string }) => i.id)).toContain(r.id);
  expect(page.totals).toEqual([expect.objectContaining({ status: "partially_refunded", currency: "EUR", count: 1 })]);
  for (const c of [agent, lead, anon]) await c.dispose();
});
