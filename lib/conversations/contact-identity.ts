import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { contactAliases, contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

// Who a customer is. Since 2026 WhatsApp names a customer by phone (wa_id), by business-scoped
// user id (BSUID), or both, and may withhold the phone of a customer with a username. Within a
// workspace one person is one contact: a message with only the BSUID, one with only the phone and
// one with both land on the same contact once either key has been seen together with the other.

export type Person = {
  workspaceId: string;
  waId: string | null;
  bsuid: string | null;
  parentBsuid?: string | null;
  name: string | null;
  username?: string | null;
  /** When the message was sent (the earliest of the batch's): identifiers left behind by a change count up to then. */
  at?: Date;
};

/** The key a batch groups one sender's messages by (the same identifiers → the same key). */
export const personKey = (p: { workspaceId: string; waId: string | null; bsuid: string | null }) => `${p.workspaceId}|${p.waId ?? ""}|${p.bsuid ?? ""}`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Creates or updates the contacts of a batch's senders; personKey → contact id. Phone-only
 * senders (all traffic before 2026, most of it after) take one set-based upsert; senders with a
 * BSUID are matched one by one, in key order, with their rows locked.
 */
export async function upsertContacts(tx: Db, people: Person[]): Promise<Map<string, string>> {
  const out = await resolveAliases(tx, people);
  const unique = [...new Map(people.filter((p) => !out.has(personKey(p))).map((p) => [personKey(p), p])).values()].sort((a, b) => cmp(personKey(a), personKey(b)));
  const phoneOnly = unique.filter((p) => p.waId && !p.bsuid);
  if (phoneOnly.length > 0) {
    const upserted = await tx
      .insert(contacts)
      .values(phoneOnly.map((c) => ({ workspaceId: c.workspaceId, waId: c.waId, phone: c.waId, profileName: c.name, username: c.username ?? null })))
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts.waId],
        set: { profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})`, username: sql`coalesce(excluded.username, ${contacts.username})` },
      })
      .returning({ id: contacts.id, workspaceId: contacts.workspaceId, waId: contacts.waId });
    for (const c of upserted) out.set(personKey({ workspaceId: c.workspaceId, waId: c.waId, bsuid: null }), c.id);
  }
  for (const p of unique.filter((q) => q.bsuid)) out.set(personKey(p), await upsertIdentified(tx, p));
  return out;
}

async function upsertIdentified(tx: Db, p: Person, attempt = 0): Promise<string> {
  const bsuid = p.bsuid!;
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, p.workspaceId), p.waId ? or(eq(contacts.bsuid, bsuid), eq(contacts.waId, p.waId)) : eq(contacts.bsuid, bsuid)))
    .orderBy(asc(contacts.id))
    .for("update");
  const byId = rows.find((r) => r.bsuid === bsuid);
  const byPhone = p.waId ? rows.find((r) => r.waId === p.waId) : undefined;
  // Known by phone and, separately, by BSUID: the same person, now that one message names both.
  if (byId && byPhone && byId.id !== byPhone.id) await mergeContacts(tx, { from: byId.id, into: byPhone.id });
  const target = byPhone ?? byId;
  if (target) {
    await tx
      .update(contacts)
      .set({
        waId: target.waId ?? p.waId,
        phone: target.phone ?? p.waId,
        // A new BSUID for a known phone (the customer changed number and back, or Meta re-issued it).
        bsuid,
        parentBsuid: p.parentBsuid ?? target.parentBsuid,
        username: p.username ?? target.username,
        profileName: p.name ?? target.profileName,
      })
      .where(eq(contacts.id, target.id));
    return target.id;
  }
  const [created] = await tx
    .insert(contacts)
    .values({ workspaceId: p.workspaceId, waId: p.waId, phone: p.waId, bsuid, parentBsuid: p.parentBsuid ?? null, username: p.username ?? null, profileName: p.name })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  if (created) return created.id;
  // A parallel processor stored this person meanwhile (its commit is visible now): take theirs.
  if (attempt > 0) throw new Error("Could not find or store the contact (too much contention).");
  return upsertIdentified(tx, p, attempt + 1);
}

/**
 * Senders writing from identifiers a customer left behind (a number change), at a time before they
 * left them: that customer. A BSUID decides when the message has one (a recycled phone number comes
 * with a new BSUID); a phone alone decides only for messages without one.
 */
async function resolveAliases(tx: Db, people: Person[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const dated = people.filter((p) => p.at);
  if (dated.length === 0) return out;
  const values = [...new Set(dated.flatMap((p) => [p.bsuid, p.waId].filter((v): v is string => !!v)))];
  const workspaces = [...new Set(dated.map((p) => p.workspaceId))];
  const aliases = await tx
    .select()
    .from(contactAliases)
    .where(and(inArray(contactAliases.workspaceId, workspaces), inArray(contactAliases.kind, ["wa_id", "bsuid"]), inArray(contactAliases.value, values)));
  if (aliases.length === 0) return out;
  const find = (p: Person, kind: "wa_id" | "bsuid", value: string | null) =>
    value ? aliases.find((a) => a.workspaceId === p.workspaceId && a.kind === kind && a.value === value && p.at! <= a.until) : undefined;
  for (const p of dated) {
    const alias = p.bsuid ? find(p, "bsuid", p.bsuid) : find(p, "wa_id", p.waId);
    if (alias) out.set(personKey(p), alias.contactId);
  }
  return out;
}

/**
 * Folds the contact known only by BSUID into the one known by phone: its conversations move over
 * (a live one stays where it is if the phone contact has a live one on the same number, since a
 * customer has one live conversation per number), its BSUID is freed, and it goes once empty.
 */
export async function mergeContacts(tx: Db, { from, into }: { from: string; into: string }): Promise<void> {
  await tx.execute(sql`
    update conversations as c set contact_id = ${into}::uuid
     where c.contact_id = ${from}::uuid
       and not (c.status <> 'resolved' and exists (
             select 1 from conversations l where l.contact_id = ${into}::uuid and l.channel_id = c.channel_id and l.status <> 'resolved'))`);
  await tx.update(contacts).set({ bsuid: null, parentBsuid: null }).where(eq(contacts.id, from));
  await tx.update(contactAliases).set({ contactId: into }).where(eq(contactAliases.contactId, from));
  await tx.execute(sql`delete from contacts where id = ${from}::uuid and not exists (select 1 from conversations where contact_id = ${from}::uuid)`);
}

/**
 * A `system` message changed who the customer is: a new phone number (customer_changed_number,
 * with the new wa_id and BSUID) or a new BSUID (user_changed_user_id). Returns whether it applied.
 */
export async function applyIdentityChange(
  tx: Db,
  { contactId, waId, bsuid, at }: { contactId: string; waId: string | null; bsuid: string | null; at: Date },
): Promise<boolean> {
  if (!waId && !bsuid) return false;
  const [row] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  if (!row) return false;
  // What the customer leaves behind still names them for messages sent before the change.
  const leftBehind = [
    ...(waId && row.waId && row.waId !== waId ? [{ kind: "wa_id" as const, value: row.waId }] : []),
    ...(bsuid && row.bsuid && row.bsuid !== bsuid ? [{ kind: "bsuid" as const, value: row.bsuid }] : []),
  ];
  if (leftBehind.length) {
    await tx
      .insert(contactAliases)
      .values(leftBehind.map((a) => ({ workspaceId: row.workspaceId, ...a, contactId, until: at })))
      .onConflictDoUpdate({ target: [contactAliases.workspaceId, contactAliases.kind, contactAliases.value], set: { contactId, until: at } });
  }
  // Whoever holds the new identifiers already (a contact created before the notice arrived) is this person.
  const holders = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, row.workspaceId), or(waId ? eq(contacts.waId, waId) : sql`false`, bsuid ? eq(contacts.bsuid, bsuid) : sql`false`)));
  for (const h of holders) {
    if (h.id === contactId) continue;
    await tx.update(contacts).set({ waId: null, bsuid: null, parentBsuid: null }).where(eq(contacts.id, h.id));
    await mergeContacts(tx, { from: h.id, into: contactId });
  }
  await tx
    .update(contacts)
    .set({ ...(waId ? { waId, phone: waId } : {}), ...(bsuid ? { bsuid } : {}) })
    .where(eq(contacts.id, contactId));
  return true;
}

/**
 * customer_identity_changed: WhatsApp says the customer's security code changed. Kept as the
 * latest such time (notices may come twice or out of order); the contact panel warns agents.
 */
export async function recordIdentityChanged(tx: Db, { contactId, at }: { contactId: string; at: Date }): Promise<void> {
  await tx
    .update(contacts)
    .set({ identityChangedAt: sql`greatest(${contacts.identityChangedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(contacts.id, contactId));
}
