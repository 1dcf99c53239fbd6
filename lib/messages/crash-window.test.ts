// The crash window: Meta accepted a send but we never stored its wamid (the process died, or the
// answer was lost). Policy under test: adopt the outcome when a status webhook carrying our
// biz_opaque_callback_data proves it; otherwise wait up to 60 s for one, then fail the message
// with words that send the agent to check the chat. Never a second send on our own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import type { Database } from "@/lib/db/types";
import { createReply } from "@/lib/messages/reply";
import { buildSendBody } from "@/lib/whatsapp/build-send-body";
import { sendMessage } from "@/lib/whatsapp/graph-client";
import { CONNECTION_LOST_MESSAGE, EVIDENCE_WAIT_MS, handleSendJob, IN_FLIGHT_MS, RESTARTED_MESSAGE } from "@/lib/messages/outbox";
import { claimAttempt } from "@/lib/messages/send-state";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

const later = (ms: number) => () => new Date(Date.now() + ms);

/** A reply whose attempt was claimed by a worker that then "crashed"; optionally after Meta accepted it. */
async function crashedAttempt(w: OutboxWorld, opts: { metaAccepted: boolean }) {
  const { conversation, contact } = await w.customer();
  const { id } = await createReply(database.db, w.agent, conversation.id, { text: "Your boarding pass is on its way." });
  const row = await w.message(id);
  const claimed = await claimAttempt(database.db, row, "attempt-of-a-dead-worker", new Date());
  expect(claimed).not.toBeNull();
  let wamid: string | null = null;
  if (opts.metaAccepted) {
    const body = buildSendBody(row, { to: contact.waId });
    ({ wamid } = await sendMessage({ ...w.cfg, phoneNumberId: w.channel.phoneNumberId }, body, w.fetchImpl));
    await w.fake.idle(); // statuses arrive while we do not know the wamid: stored, matched to nothing
  }
  return { id, contact, wamid };
}

describe("crash between Meta's acceptance and storing the wamid", () => {
  it("adopts the wamid and the statuses proven by webhooks, without sending again", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id, contact, wamid } = await crashedAttempt(w, { metaAccepted: true });
    expect((await w.message(id)).status).toBe("queued");

    // Proof first: even a job that runs while the attempt could still be in flight adopts it.
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(5_000) })).toMatchObject({ outcome: "recovered", wamid });
    const row = await w.message(id);
    expect(row).toMatchObject({ status: "delivered", providerMessageId: wamid, error: null, sendAttempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1);
  });

  it("without proof: waits while the attempt may be in flight, then 60 s for a webhook, then fails with a clear reason", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id, contact } = await crashedAttempt(w, { metaAccepted: false });

    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(5_000) })).toMatchObject({ outcome: "waiting" });
    // The attempt is now too old to be in flight: it is orphaned, and the evidence clock starts.
    const t0 = IN_FLIGHT_MS + 1_000;
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(t0) })).toMatchObject({ outcome: "waiting" });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(t0 + EVIDENCE_WAIT_MS / 2) })).toMatchObject({ outcome: "waiting" });
    expect((await w.message(id)).status).toBe("queued");

    const result = await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(t0 + EVIDENCE_WAIT_MS + 1_000) });
    expect(result).toMatchObject({ outcome: "failed", error: { code: "send_interrupted", message: RESTARTED_MESSAGE } });
    expect(await w.message(id)).toMatchObject({ status: "failed", error: { message: "Sportello restarted while sending; check the customer's chat before retrying." } });
    expect(w.graphCalls()).toBe(0);
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(0);
  });

  it("waits the full 60 s after a restart even when the attempt itself is hours old (Meta retries webhooks late)", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id } = await crashedAttempt(w, { metaAccepted: false });
    const hours = 3 * 60 * 60 * 1000;
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(hours) })).toMatchObject({ outcome: "waiting" });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(hours + EVIDENCE_WAIT_MS - 5_000) })).toMatchObject({ outcome: "waiting" });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(hours + EVIDENCE_WAIT_MS + 1_000) })).toMatchObject({ outcome: "failed" });
  });
});

describe("the answer is lost after Meta accepted (connection reset)", () => {
  it("does not resend; the status webhook settles it", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation, contact } = await w.customer();
    const { id } = await createReply(database.db, w.agent, conversation.id, { text: "Seat 12A is yours." });
    w.fake.engine.addFault({ code: "drop_response", times: 1 });

    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "waiting" });
    expect((await w.message(id)).sendState).toMatchObject({ uncertain: true });
    await w.fake.idle();
    const result = await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    const [only] = w.fake.engine.inboxOf(contact.waId);
    expect(result).toEqual({ outcome: "recovered", wamid: only!.wamid });
    expect(await w.message(id)).toMatchObject({ status: "delivered", providerMessageId: only!.wamid });
    expect(w.fake.engine.sent).toHaveLength(1);
  });

  it("with no webhook within 60 s (app unreachable), fails with 'check the chat' instead of risking a duplicate", async () => {
    const w = await makeOutboxWorld(database.db);
    w.setDelivering(false);
    const { conversation, contact } = await w.customer();
    const { id } = await createReply(database.db, w.agent, conversation.id, { text: "Seat 12A is yours." });
    w.fake.engine.addFault({ code: "drop_response", times: 1 });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "waiting" });
    await w.fake.idle();
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(30_000) })).toMatchObject({ outcome: "waiting" });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { now: later(EVIDENCE_WAIT_MS + 1_000) })).toMatchObject({
      outcome: "failed",
      error: { code: "send_outcome_unknown", message: CONNECTION_LOST_MESSAGE },
    });
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1); // sent once, never twice
  });
});
