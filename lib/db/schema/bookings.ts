import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contacts, workspaces } from "./workspace";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A customer's booking as the airline's systems describe it (created and updated through the API).
 * Passengers and legs are documents validated by lib/bookings/schemas.ts: they are read and
 * written whole, always with their booking, and their order is part of their identity (legs and
 * passengers are addressed by index).
 */
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    pnr: text("pnr").notNull(),
    // confirmed | ticketed | checked_in | changed | cancelled | flown
    status: text("status").notNull().default("confirmed"),
    passengers: jsonb("passengers").$type<unknown[]>().notNull(),
    legs: jsonb("legs").$type<unknown[]>().notNull(),
    // Integer minor units of `currency` (EUR 2 decimals, JPY 0, KWD 3).
    totalAmount: bigint("total_amount", { mode: "number" }),
    currency: text("currency"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bookings_ws_pnr_uq").on(t.workspaceId, t.pnr),
    index("bookings_contact_idx").on(t.contactId, t.createdAt.desc().nullsFirst()),
  ],
);
