import "server-only";
import bwipjs from "bwip-js/node";
import { SYMBOLOGIES, type Symbology } from "./schemas";

// The pass's barcode, drawn by bwip-js (a maintained port of BWIPP, the PostScript barcode
// writer). Every symbol keeps a quiet zone of blank modules around it, or
// many scanners never find its edges.

export { SYMBOLOGIES, type Symbology };

const BCID: Record<Symbology, string> = { aztec: "azteccode", pdf417: "pdf417", qrcode: "qrcode" };

/** Blank modules on every side: QR asks for 4, PDF417 for 2, Aztec for none (4 is kinder to phone cameras). */
export const QUIET_ZONE_MODULES = 4;

/** The symbol as one SVG path (no padding), in units where one module is `module` wide. */
export type BarcodeShape = { d: string; width: number; height: number; module: number; columns: number; rows: number };

export function barcodeShape(text: string, symbology: Symbology = "aztec"): BarcodeShape {
  const bcid = BCID[symbology];
  const [raw] = bwipjs.raw({ bcid, text });
  const svg = bwipjs.toSVG({ bcid, text, scale: 1 });
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!);
  // 2D symbols (all three here) come back as a pixel matrix: pixx modules across.
  if (!raw || !("pixx" in raw) || !box || paths.length === 0) throw new Error(`bwip-js drew no ${symbology} symbol.`);
  const width = Number(box[1]);
  return { d: paths.join(" "), width, height: Number(box[2]), module: width / raw.pixx, columns: raw.pixx, rows: raw.pixy };
}

/** A PNG of the symbol alone, black on white with its quiet zone, `scale` pixels per unit. */
export async function renderBarcodePng(text: string, symbology: Symbology = "aztec", scale = 4): Promise<Buffer> {
  const { module } = barcodeShape(text, symbology);
  const padding = Math.round(QUIET_ZONE_MODULES * module);
  return bwipjs.toBuffer({ bcid: BCID[symbology], text, scale, paddingwidth: padding, paddingheight: padding, backgroundcolor: "FFFFFF" });
}
