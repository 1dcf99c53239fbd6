import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { decode } from "bcbp";
import { PDFDocument } from "pdf-lib";
import { prepareZXingModule, readBarcodes, type ReadResult } from "zxing-wasm/reader";
import { renderBarcodePng, SYMBOLOGIES } from "./barcode";
import { buildPassView } from "./pass-view";
import { renderPassPdf } from "./pdf";
import { renderPassPng } from "./png";
import { hasPdftoppm, rasterisePdf, sampleBooking } from "./test-fixtures";

// An independent decoder (ZXing, compiled to WebAssembly) reads what bwip-js drew: the barcode
// alone and the barcode inside the finished PNG pass. The .wasm ships in the npm package; loading
// it from disk keeps the test offline (by default zxing-wasm fetches it from a CDN).
beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer as ArrayBuffer }, fireImmediately: true });
});

async function read(png: Buffer): Promise<ReadResult[]> {
  return (await readBarcodes(new Uint8Array(png), { formats: ["Aztec", "PDF417", "QRCode"], tryHarder: true, maxNumberOfSymbols: 4 })).filter((r) => r.isValid);
}

const FORMAT = { aztec: "Aztec", pdf417: "PDF417", qrcode: "QRCode" } as const;

describe("a rendered boarding pass decodes to its BCBP string", () => {
  const view = buildPassView({ booking: sampleBooking, leg: 0, passenger: 0, locale: "en", issuedAt: new Date("2026-12-21T08:00:00Z") });

  it.each(SYMBOLOGIES)("%s: ZXing reads the bwip-js barcode back to exactly the BCBP string, and bcbp decodes the booking's fields", async (symbology) => {
    const [result, ...more] = await read(await renderBarcodePng(view.bcbp, symbology));
    expect(more).toHaveLength(0);
    expect(result?.format).toBe(FORMAT[symbology]);
    expect(result?.text).toBe(view.bcbp);
    const pass = decode(result!.text, 2026);
    expect(pass.data?.passengerName).toBe("ROSSI/GIULIA");
    expect(pass.data?.legs?.[0]).toMatchObject({
      operatingCarrierPNR: "K7XQ2M",
      departureAirport: "FCO",
      arrivalAirport: "JFK",
      operatingCarrierDesignator: "AZ",
      flightNumber: "0610",
      compartmentCode: "Y",
      seatNumber: "023F",
      checkInSequenceNumber: "0142",
      passengerStatus: "1",
      frequentFlyerNumber: "VF12345678",
    });
    expect(pass.data?.legs?.[0]?.flightDate?.toISOString().slice(0, 10)).toBe("2026-12-22");
  });

  it.each(SYMBOLOGIES)("%s: the barcode inside the finished PNG pass decodes (quiet zone and scale hold on the real artefact)", async (symbology) => {
    const png = renderPassPng(view, symbology);
    const results = await read(png);
    expect(results.map((r) => r.text)).toEqual([view.bcbp]);
    expect(results[0]!.format).toBe(FORMAT[symbology]);
    if (symbology === "aztec") writeFileSync("/tmp/bp-sample.png", png);
  });

  it("the PDF is one phone-sized page with the pass's title, and a long accented name still renders", async () => {
    const pdf = await renderPassPdf(view);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 360, height: 640 });
    expect(doc.getTitle()).toBe("Boarding pass AZ 610 FCO–JFK");
    writeFileSync("/tmp/bp-sample.pdf", pdf);
    const it_ = buildPassView({ booking: sampleBooking, leg: 0, passenger: 1, locale: "it" });
    const pdfIt = await PDFDocument.load(await renderPassPdf(it_, "pdf417"));
    expect(pdfIt.getTitle()).toBe("Carta d'imbarco AZ 610 FCO–JFK");
    expect(it_.filename).toBe("boarding-pass-K7XQ2M-AZ610-BIANCHI-FERRE");
  });

  it("shows times in the departure airport's zone, labels and dates in the reader's language", () => {
    expect(view).toMatchObject({ departureTime: "10:25", boardingTime: "09:35", arrivalTime: "14:10", gate: "E24", seat: "23F", zone: "3", sequence: "142", flight: "AZ 610", airline: "ITA Airways" });
    expect(view.from).toEqual({ code: "FCO", city: "Rome" });
    expect(view.date).toBe("Tue, Dec 22, 2026");
    const it_ = buildPassView({ booking: sampleBooking, leg: 0, passenger: 0, locale: "it" });
    expect(it_.date).toBe("mar 22 dic 2026");
    expect(it_.from.city).toBe("Roma");
    expect(it_.labels.seat).toBe("Posto");
  });

  // The PDF itself, as a PDF reader draws it: poppler's pdftoppm at 72 dpi (1 pt = 1 px, a small
  // screen), when the machine has it (Debian: poppler-utils).
  it.runIf(hasPdftoppm).each(SYMBOLOGIES)("%s: the barcode in the PDF, rasterised at 72 dpi, decodes", async (symbology) => {
    expect((await read(rasterisePdf(await renderPassPdf(view, symbology), 72))).map((r) => r.text)).toEqual([view.bcbp]);
  });
});
