// Fault 5: two app processes on one database. A payment request is made and paid (the sandbox
// card on the hosted pay page's endpoint) through each process; each settles exactly once — the
// card submitted again through the other process changes nothing — and the realtime event of a
// payment settled by one process reaches an SSE client connected to the other.
import { api, Checks, customerConversation, query, RUN_ID, signIn, SseClient, waitFor, type App, type FaultResult, type SseFrame } from "./harness";

type PaymentDto = { id: string; status: string; payUrl: string; amountTotal: number };
const CARD = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", name: "Giulia Rossi" };

function paymentIn(f: SseFrame, id: string): { status: string } | undefined {
  if (f.event !== "live") return undefined;
  try {
    return (JSON.parse(f.data) as { payments?: { id: string; status: string }[] }).payments?.find((p) => p.id === id);
  } catch {
    return undefined;
  }
}

export async function twoApps(ctx: { a: App; b: App; databaseUrl: string }): Promise<FaultResult> {
  const { a, b, databaseUrl } = ctx;
  const started = Date.now();
  const c = new Checks();
  const startB = await b.start();
  console.log(`  app B on ${b.url} (ready in ${startB} ms), same database`);
  try {
    const [cookieA, cookieB] = [await signIn(a.url), await signIn(b.url)];
    const conv1 = await customerConversation(a, databaseUrl, "393480000005", "Devo pagare il bagaglio");
    const conv2 = await customerConversation(b, databaseUrl, "393480000006", "Devo pagare il cambio volo");
    const sseA = new SseClient(a.url, cookieA);
    const sseB = new SseClient(b.url, cookieB);
    await Promise.all([sseA.open(), sseB.open()]);

    const create = async (app: App, cookie: string, conversationId: string, name: string) => {
      const res = await api<PaymentDto>(app.url, cookie, "POST", "/api/payment-requests", {
        conversationId,
        currency: "EUR",
        lineItems: [{ name, quantity: 1, unitAmount: 4500 }],
        description: `${name} (${RUN_ID})`,
      }, { "idempotency-key": `faults-${RUN_ID}-${conversationId}` });
      if (res.status !== 201) throw new Error(`payment request through ${app.name} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const pay = async (app: App, p: PaymentDto) => {
      const token = p.payUrl.split("/pay/")[1]!;
      const res = await fetch(`${app.url}/api/pay/${token}/sandbox`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(CARD) });
      const body = (await res.json().catch(() => ({}))) as { outcome?: string; error?: { code?: string } };
      return `${res.status} ${body.outcome ?? body.error?.code ?? ""}`.trim();
    };
    const heard = (sse: SseClient, id: string) =>
      waitFor(`the paid event of ${id} on the other process`, 10_000, async () => sse.frames.some((f) => paymentIn(f, id)?.status === "paid")).catch(() => false);

    const p1 = await create(a, cookieA, conv1, "Bagaglio extra");
    const p2 = await create(b, cookieB, conv2, "Cambio volo");
    const t1 = Date.now();
    const paid1 = await pay(a, p1);
    const crossAB = await heard(sseB, p1.id);
    const msAB = Date.now() - t1;
    const t2 = Date.now();
    const paid2 = await pay(b, p2);
    const crossBA = await heard(sseA, p2.id);
    const msBA = Date.now() - t2;
    // The same card again through the other process, both at once: no second settlement.
    const [again1, again2] = await Promise.all([pay(b, p1), pay(a, p2)]);
    c.check(paid1 === "200 paid" && paid2 === "200 paid", `paid through A: ${paid1}; through B: ${paid2}`);
    c.check(crossAB, `A's settlement reached an SSE client on B${crossAB ? ` (${msAB} ms after the card was submitted)` : ""}`);
    c.check(crossBA, `B's settlement reached an SSE client on A${crossBA ? ` (${msBA} ms)` : ""}`);

    // Exactly once, in the database: one applied event, the amount captured once, one confirmation.
    const ids = [p1.id, p2.id];
    const confirmations = await waitFor("both confirmations sent", 20_000, async () => {
      const rows = await query<{ client_message_id: string; status: string }>(databaseUrl, `select client_message_id, status::text from messages where client_message_id = any($1::text[])`, [ids.map((id) => `paid-${id}`)]);
      return rows.length === 2 && rows.every((r) => r.status !== "queued") ? rows : undefined;
    }).catch(async () => query<{ client_message_id: string; status: string }>(databaseUrl, `select client_message_id, status::text from messages where client_message_id = any($1::text[])`, [ids.map((id) => `paid-${id}`)]));
    const rows = await query<{ id: string; status: string; amount_captured: string; amount_total: string; applied: string }>(
      databaseUrl,
      `select r.id, r.status, r.amount_captured::text, r.amount_total::text,
              (select count(*) from payment_events e where e.payment_request_id = r.id and e.outcome = 'applied')::text as applied
         from payment_requests r where r.id = any($1::uuid[])`,
      [ids],
    );
    for (const r of rows) {
      c.check(r.status === "paid" && r.amount_captured === r.amount_total && r.applied === "1", `${r.id === p1.id ? "the request paid through A" : "the request paid through B"}: ${r.status}, captured ${r.amount_captured}/${r.amount_total}, ${r.applied} applied payment event`);
    }
    c.check(rows.length === 2, "both requests found");
    c.check(confirmations.length === 2 && confirmations.every((r) => ["sent", "delivered", "read"].includes(r.status)), `one confirmation per payment, sent: ${confirmations.map((r) => r.status).join(", ") || "none"}`);
    const figures = `paid through A (${paid1}) and B (${paid2}); the card again through the other process: ${again1}, ${again2}; each settled once (status paid, amount captured once, 1 applied event, 1 confirmation sent); cross-process live event A→B ${crossAB ? `${msAB} ms` : "missed"}, B→A ${crossBA ? `${msBA} ms` : "missed"} (card submitted → frame received)`;
    sseA.close();
    sseB.close();
    return { name: "Two app processes, one payment through each", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
  } finally {
    await b.stop();
  }
}
