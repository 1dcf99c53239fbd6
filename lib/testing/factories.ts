// Test-only builders: the smallest believable workspace for a focused integration test.
import { channels, contacts, conversations, teams, users, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeWorkspace(db: Db, name = "Test Air") {
  const [ws] = await db.insert(workspaces).values({ name, verifiedName: name }).returning();
  const [channel] = await db
    .insert(channels)
    .values({ workspaceId: ws!.id, phoneNumberId: `1${Math.floor(Math.random() * 1e14)}`, displayPhoneNumber: "+39 06 0000 0000", verifiedName: name, verified: true })
    .returning();
  return { workspace: ws!, channel: channel! };
}

const PASSWORD_HASH = hashPassword("correct horse battery");
export const TEST_PASSWORD = "correct horse battery";

export async function makeUser(db: Db, workspaceId: string, role: Role = "agent", over: Partial<typeof users.$inferInsert> = {}) {
  const id = uniq();
  const [u] = await db
    .insert(users)
    .values({ workspaceId, email: `${role}-${id}@example.test`, name: `${role[0]!.toUpperCase()}${role.slice(1)} ${id}`, passwordHash: await PASSWORD_HASH, role, ...over })
    .returning();
  return u!;
}

export function actorOf(u: { id: string; workspaceId: string; role: Role; name: string; email: string }): Actor {
  return { userId: u.id, workspaceId: u.workspaceId, role: u.role, name: u.name, email: u.email };
}

export async function makeTeam(db: Db, workspaceId: string, name = `Team ${uniq()}`) {
  const [t] = await db.insert(teams).values({ workspaceId, name }).returning();
  return t!;
}

export async function makeConversation(
  db: Db,
  ws: { workspace: { id: string }; channel: { id: string } },
  over: Partial<typeof conversations.$inferInsert> = {},
) {
  const waId = `39${Math.floor(3e9 + Math.random() * 6e9)}`;
  const [contact] = await db.insert(contacts).values({ workspaceId: ws.workspace.id, waId, phone: `+${waId}`, profileName: `Customer ${uniq()}` }).returning();
  const [conv] = await db
    .insert(conversations)
    .values({ workspaceId: ws.workspace.id, contactId: contact!.id, channelId: ws.channel.id, lastInboundAt: new Date(), ...over })
    .returning();
  // This builder always makes a customer known by phone: say so in the type.
  return { contact: { ...contact!, waId: contact!.waId!, phone: contact!.phone! }, conversation: conv! };
}
