// Test-only: a believable booking for boarding-pass tests, and a way to store one for a contact.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bookings } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { Booking } from "@/lib/bookings/schemas";

export const sampleBooking: Pick<Booking, "pnr" | "passengers" | "legs" | "status"> = {
  pnr: "K7XQ2M",
  status: "checked_in",
  passengers: [
    { surname: "Rossi", givenName: "Giulia", type: "ADT", ticketNumber: "0557123456789", frequentFlyer: { airline: "AZ", number: "VF12345678" } },
    { surname: "Bianchi-Ferrè", givenName: "Matteo Alessandro", type: "ADT" },
  ],
  legs: [
    {
      operatingCarrier: "AZ",
      flightNumber: "610",
      from: "FCO",
      to: "JFK",
      departureAt: "2026-12-22T10:25:00+01:00",
      arrivalAt: "2026-12-22T14:10:00-05:00",
      fromTimeZone: "Europe/Rome",
      toTimeZone: "America/New_York",
      cabin: "Economy",
      compartmentCode: "Y",
      gate: "E24",
      terminal: "3",
      boardingAt: "2026-12-22T09:35:00+01:00",
      checkins: [
        { passenger: 0, seat: "23F", sequence: 142, boardingZone: "3" },
        { passenger: 1, seat: "23E", sequence: 143, boardingZone: "3" },
      ],
    },
  ],
};

let n = 0;

/** Stores `sampleBooking` (PNR made unique) for a contact and returns its id and PNR. */
export async function insertBooking(db: Db, { workspaceId, contactId, status }: { workspaceId: string; contactId: string; status?: string }) {
  const pnr = `K${(n++ % 36).toString(36)}${Math.random().toString(36).slice(2, 7)}`.toUpperCase().padEnd(7, "X");
  const [row] = await db
    .insert(bookings)
    .values({ workspaceId, contactId, pnr, status: status ?? sampleBooking.status, passengers: sampleBooking.passengers, legs: sampleBooking.legs })
    .returning({ id: bookings.id, pnr: bookings.pnr });
  return row!;
}

/** Whether poppler's pdftoppm is installed (Debian: poppler-utils; `npm run setup:test` adds it). */
export const hasPdftoppm = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A PDF's first page as a PNG, drawn as a PDF reader draws it (pdftoppm at `dpi`). */
export function rasterisePdf(pdf: Uint8Array, dpi: number): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "bp-pdf-"));
  try {
    writeFileSync(path.join(dir, "pass.pdf"), pdf);
    execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-singlefile", path.join(dir, "pass.pdf"), path.join(dir, "pass")]);
    return readFileSync(path.join(dir, "pass.png"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
