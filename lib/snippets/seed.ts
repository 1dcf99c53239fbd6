// No "server-only": the demo seed script (tsx) imports it.
import { snippets } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/** The demo's canned replies, in English and Italian: what agents at an airline type most. */
export const SEED_SNIPPETS = [
  { shortcut: "hello", language: "en", title: "Greeting", body: "Hello, this is Volo Azzurro customer care. How can I help you today?" },
  { shortcut: "ciao", language: "it", title: "Saluto", body: "Buongiorno, sono dell'assistenza clienti Volo Azzurro. Come posso aiutarla?" },
  { shortcut: "checking", language: "en", title: "Checking your booking", body: "Thank you. Let me check your booking: I'll be back to you in a couple of minutes." },
  { shortcut: "verifico", language: "it", title: "Verifica prenotazione", body: "Grazie. Verifico subito la sua prenotazione e le rispondo tra un paio di minuti." },
  { shortcut: "baggage", language: "en", title: "Baggage allowance", body: "Your fare includes one cabin bag (max 8 kg, 55×40×20 cm) and a small personal item. Checked bags can be added in *Manage booking* up to 3 hours before departure." },
  { shortcut: "bagaglio", language: "it", title: "Franchigia bagaglio", body: "La sua tariffa include un bagaglio a mano (max 8 kg, 55×40×20 cm) e un piccolo oggetto personale. Può aggiungere bagagli da stiva in *Gestisci prenotazione* fino a 3 ore prima della partenza." },
  { shortcut: "refund", language: "en", title: "Refund timing", body: "Your refund has been requested. It usually reaches your card within 7 working days; your bank may take a few days more to show it." },
  { shortcut: "rimborso", language: "it", title: "Tempi di rimborso", body: "Il rimborso è stato richiesto. Di solito arriva sulla carta entro 7 giorni lavorativi; la banca può impiegare qualche giorno in più per mostrarlo." },
  { shortcut: "bye", language: null, title: "Closing", body: "Thank you for contacting Volo Azzurro. Have a good trip! / Grazie per aver contattato Volo Azzurro. Buon viaggio!" },
] as const;

export async function insertSeedSnippets(db: Db, { workspaceId, createdBy = null, now = new Date() }: { workspaceId: string; createdBy?: string | null; now?: Date }): Promise<number> {
  const rows = SEED_SNIPPETS.map((s) => ({ workspaceId, shortcut: s.shortcut, title: s.title, body: s.body, language: s.language, createdBy, createdAt: now, updatedAt: now }));
  return (await db.insert(snippets).values(rows).onConflictDoNothing().returning({ id: snippets.id })).length;
}
