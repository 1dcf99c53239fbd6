import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { availabilityEnum, roleEnum } from "./enums";

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  // The business name as WhatsApp verified it; what customers see next to the badge.
  verifiedName: text("verified_name").notNull(),
  timezone: text("timezone").notNull().default("Europe/Rome"),
  // Loaded by `npm run seed`: a live number and a real deployment's users never join it implicitly.
  demo: boolean("demo").notNull().default(false),
  // Team rules set by leads and admins: only the assignee may reply to an assigned conversation;
  // an agent idle this many minutes goes from online to away; a rating request on resolve.
  onlyAssigneeReplies: boolean("only_assignee_replies").notNull().default(false),
  autoAwayMinutes: integer("auto_away_minutes").notNull().default(15),
  csatEnabled: boolean("csat_enabled").notNull().default(false),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull().default("agent"),
    active: boolean("active").notNull().default(true),
    availability: availabilityEnum("availability").notNull().default("offline"),
    availabilityChangedAt: timestamp("availability_changed_at", { withTimezone: true, mode: "date" }),
    // Open conversations auto-assignment may give this agent at most.
    capacity: integer("capacity").notNull().default(8),
    // "en" | "it"; null follows the browser's Accept-Language.
    locale: text("locale"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // Sign-in is by email alone, so an address belongs to exactly one workspace.
    uniqueIndex("users_email_uq").on(sql`lower(${t.email})`),
    index("users_workspace_idx").on(t.workspaceId),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // New and reopened conversations go to the available member with the fewest open ones.
    autoAssign: boolean("auto_assign").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("teams_workspace_name_uq").on(t.workspaceId, t.name)],
);

export const teamMemberships = pgTable(
  "team_memberships",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_memberships_user_idx").on(t.userId)],
);

export const channels = pgTable(
  "channels",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    // Meta's id for the business number: the key of every webhook and every send.
    phoneNumberId: text("phone_number_id").notNull(),
    wabaId: text("waba_id"),
    displayPhoneNumber: text("display_phone_number").notNull(),
    verifiedName: text("verified_name").notNull(),
    verified: boolean("verified").notNull().default(false),
    // Meta's quality rating of the number (GREEN | YELLOW | RED | UNKNOWN), from the phone-number lookup.
    qualityRating: text("quality_rating"),
    profileCheckedAt: timestamp("profile_checked_at", { withTimezone: true, mode: "date" }),
    lastWebhookAt: timestamp("last_webhook_at", { withTimezone: true, mode: "date" }),
    // Set when WhatsApp refuses every send of this number (190: the access token expired or was
    // revoked) and cleared by the next successful send: admins see it until it is fixed.
    // Sent once to a customer who opens the chat for the first time (request_welcome); null = none.
    welcomeMessage: text("welcome_message"),
    alert: jsonb("alert").$type<{ code: number | string; title: string; message: string; at: string } | null>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("channels_phone_number_id_uq").on(t.phoneNumberId), index("channels_workspace_idx").on(t.workspaceId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    // A customer is known by their phone (wa_id), their business-scoped user id (BSUID, since
    // 2026), or both; either may be missing, never both. Usernames hide the phone.
    waId: text("wa_id"),
    bsuid: text("bsuid"),
    parentBsuid: text("parent_bsuid"),
    username: text("username"),
    profileName: text("profile_name"),
    phone: text("phone"),
    locale: text("locale"),
    timezone: text("timezone"),
    // WhatsApp's customer_identity_changed: the customer's security code changed (a new phone or a
    // reinstall, or someone else). Agents are told to confirm who they talk to from then on.
    identityChangedAt: timestamp("identity_changed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contacts_workspace_wa_id_uq").on(t.workspaceId, t.waId),
    uniqueIndex("contacts_workspace_bsuid_uq").on(t.workspaceId, t.bsuid),
    // Search: names, usernames and numbers, with PostgreSQL's built-in 'simple' configuration
    // (no stemming, so it works the same for every language and on PGlite).
    index("contacts_search_idx").using(
      "gin",
      sql`to_tsvector('simple', coalesce(${t.profileName}, '') || ' ' || coalesce(${t.username}, '') || ' ' || coalesce(${t.phone}, '') || ' ' || coalesce(${t.waId}, ''))`,
    ),
  ],
);

// The identifiers a customer left behind when WhatsApp said they changed (customer_changed_number,
// user_changed_user_id): a message sent from them before the change, delivered late (Meta does not
// deliver in order), still belongs to the same person. After `until` they may be someone else's.
export const contactAliases = pgTable(
  "contact_aliases",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull().$type<"wa_id" | "bsuid">(),
    value: text("value").notNull(),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    until: timestamp("until", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.value] }), index("contact_aliases_contact_idx").on(t.contactId)],
);

// A signed-in browser. The JWT names its row; signing out revokes it, and it ends at expires_at
// however often the token is refreshed, so a copied token stops working.
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    // "email:<addr>" or "ip:<addr>": one table throttles both, across app processes.
    key: text("key").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_attempts_key_idx").on(t.key, t.createdAt)],
);
