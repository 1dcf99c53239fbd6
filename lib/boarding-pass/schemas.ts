import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

/** Aztec is what airlines put on mobile passes; PDF417 is the printed-pass symbology; QR every phone reads. */
export const SYMBOLOGIES = ["aztec", "pdf417", "qrcode"] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

export const PASS_FORMATS = ["pdf", "png"] as const;
export type PassFormat = (typeof PASS_FORMATS)[number];

const index = (what: string) => z.coerce.number({ error: `The ${what}'s index, from 0.` }).int(`The ${what}'s index, from 0.`).min(0, `The ${what}'s index, from 0.`).max(99);

/** `?leg=N&passenger=M&format=pdf|png&barcode=aztec|pdf417|qrcode&locale=en|it` */
export const passQuerySchema = z.object({
  leg: index("leg"),
  passenger: index("passenger"),
  format: z.enum(PASS_FORMATS).default("pdf"),
  barcode: z.enum(SYMBOLOGIES).default("aztec"),
  locale: z.enum(LOCALES).optional(),
});
export type PassQuery = z.infer<typeof passQuerySchema>;

/** What an agent sends: one passenger on one leg of a booking of this conversation's customer. */
export const sendPassSchema = z.object({
  bookingId: z.uuid("Not a booking id."),
  leg: index("leg"),
  passenger: index("passenger"),
  locale: z.enum(LOCALES).optional(),
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type SendPassInput = z.infer<typeof sendPassSchema>;
