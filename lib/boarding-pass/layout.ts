import { barcodeShape, QUIET_ZONE_MODULES, type Symbology } from "./barcode";
import type { PassView } from "./pass-view";

// The pass drawn once, as a list of shapes in points (y grows downwards) on a phone-shaped page;
// pdf.ts and png.ts only translate these shapes, so the PDF and the PNG are the same pass.

export const PAGE = { width: 360, height: 640 } as const;

export type Anchor = "start" | "middle" | "end";
export type Shape =
  | { t: "path"; d: string; fill: string }
  | { t: "rect"; x: number; y: number; w: number; h: number; fill: string }
  | { t: "text"; x: number; y: number; text: string; size: number; bold?: boolean; fill: string; anchor?: Anchor }
  | { t: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: number }
  /** The symbol's path (barcode units) placed with its top-left at x, y, `scale` points per unit. */
  | { t: "barcode"; x: number; y: number; scale: number; d: string };

const COLORS = { page: "#E7EBF0", card: "#FFFFFF", brand: "#0B2F5B", brandText: "#FFFFFF", brandMuted: "#B8C7DC", label: "#667085", value: "#101828", rule: "#C9D1DC", warn: "#B54708" };
const CARD = { x: 12, y: 12, w: 336, h: 616, r: 18 };
const HEADER_H = 78;
const PERFORATION_Y = 372;
const LEFT = 30;
const RIGHT = PAGE.width - 30;

function roundedTop(x: number, y: number, w: number, h: number, r: number): string {
  return `M${x} ${y + h}L${x} ${y + r}Q${x} ${y} ${x + r} ${y}L${x + w - r} ${y}Q${x + w} ${y} ${x + w} ${y + r}L${x + w} ${y + h}Z`;
}

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  return `${roundedTop(x, y, w, h - r, r).slice(0, -1)}L${x + w} ${y + h - r}Q${x + w} ${y + h} ${x + w - r} ${y + h}L${x + r} ${y + h}Q${x} ${y + h} ${x} ${y + h - r}Z`;
}

function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}A${r} ${r} 0 1 0 ${cx + r} ${cy}A${r} ${r} 0 1 0 ${cx - r} ${cy}Z`;
}

/** A size at which `text` fits `width` (bold capitals average ≈ 0.68 em in Helvetica, 0.76 in DejaVu Sans: take the wider). */
function fitSize(text: string, preferred: number, width: number): number {
  return Math.max(7, Math.min(preferred, width / (Math.max(text.length, 1) * 0.76)));
}

function field(label: string, value: string | null, x: number, y: number, width: number, anchor: Anchor = "start"): Shape[] {
  const v = value ?? "—";
  return [
    { t: "text", x, y, text: label.toUpperCase(), size: 7.5, fill: COLORS.label, anchor },
    { t: "text", x, y: y + 19, text: v, size: fitSize(v, 15, width), bold: true, fill: COLORS.value, anchor },
  ];
}

export function layoutPass(view: PassView, symbology: Symbology = "aztec"): Shape[] {
  const L = view.labels;
  const s: Shape[] = [
    { t: "rect", x: 0, y: 0, w: PAGE.width, h: PAGE.height, fill: COLORS.page },
    { t: "path", d: roundedRect(CARD.x, CARD.y, CARD.w, CARD.h, CARD.r), fill: COLORS.card },
    { t: "path", d: roundedTop(CARD.x, CARD.y, CARD.w, HEADER_H, CARD.r), fill: COLORS.brand },
    { t: "text", x: LEFT, y: 46, text: view.airline, size: fitSize(view.airline, 19, 190), bold: true, fill: COLORS.brandText },
    { t: "text", x: LEFT, y: 66, text: view.operatedBy ?? "", size: 9, fill: COLORS.brandMuted },
    { t: "text", x: RIGHT, y: 46, text: L.title.toUpperCase(), size: 9, bold: true, fill: COLORS.brandText, anchor: "end" },
    { t: "text", x: RIGHT, y: 66, text: view.checkedIn ? view.flight : L.notCheckedIn, size: 9, fill: view.checkedIn ? COLORS.brandMuted : "#FEC84B", anchor: "end" },
  ];

  // Route: the two codes big, the cities and local times under them, a flight path between.
  const routeY = 146;
  s.push(
    { t: "text", x: LEFT, y: routeY, text: view.from.code, size: 40, bold: true, fill: COLORS.brand },
    { t: "text", x: RIGHT, y: routeY, text: view.to.code, size: 40, bold: true, fill: COLORS.brand, anchor: "end" },
    { t: "text", x: LEFT, y: routeY + 18, text: view.from.city ?? "", size: 10, fill: COLORS.label },
    { t: "text", x: RIGHT, y: routeY + 18, text: view.to.city ?? "", size: 10, fill: COLORS.label, anchor: "end" },
    { t: "line", x1: 128, y1: routeY - 14, x2: 232, y2: routeY - 14, stroke: COLORS.rule, width: 1.2, dash: 3 },
    { t: "path", d: circle(128, routeY - 14, 3), fill: COLORS.brand },
    { t: "path", d: `M226 ${routeY - 20}L238 ${routeY - 14}L226 ${routeY - 8}Z`, fill: COLORS.brand },
  );
  s.push(...field(L.departs, view.departureTime, LEFT, routeY + 42, 100), ...field(L.arrives, view.arrivalTime, RIGHT, routeY + 42, 100, "end"));

  // The fields a gate agent and the traveller look for.
  const cols4 = [LEFT, 104, 178, 252];
  const cols3 = [LEFT, 134, 238];
  const w4 = 70;
  const w3 = 96;
  let y = 236;
  s.push(...field(L.passenger, view.passengerName, LEFT, y, RIGHT - LEFT));
  y += 44;
  s.push(...field(L.flight, view.flight, cols3[0]!, y, w3), ...field(L.date, view.date, cols3[1]!, y, w3), ...field(L.cabin, view.cabin, cols3[2]!, y, RIGHT - cols3[2]!));
  y += 44;
  s.push(
    ...field(L.boarding, view.boardingTime, cols4[0]!, y, w4),
    ...field(L.gate, view.gate, cols4[1]!, y, w4),
    ...field(L.seat, view.seat, cols4[2]!, y, w4),
    ...field(L.zone, view.zone, cols4[3]!, y, RIGHT - cols4[3]!),
  );

  // The tear line, with the notches a paper pass has.
  s.push(
    { t: "line", x1: CARD.x + 16, y1: PERFORATION_Y, x2: CARD.x + CARD.w - 16, y2: PERFORATION_Y, stroke: COLORS.rule, width: 1, dash: 4 },
    { t: "path", d: circle(CARD.x, PERFORATION_Y, 10), fill: COLORS.page },
    { t: "path", d: circle(CARD.x + CARD.w, PERFORATION_Y, 10), fill: COLORS.page },
  );
  y = PERFORATION_Y + 26;
  s.push(...field(L.sequence, view.sequence, cols3[0]!, y, w3), ...field(L.terminal, view.terminal, cols3[1]!, y, w3), ...field(L.bookingReference, view.pnr, cols3[2]!, y, RIGHT - cols3[2]!));

  // The barcode, centred, as large as the space allows, on white with its quiet zone.
  const top = y + 36;
  const bottom = CARD.y + CARD.h - 34;
  const shape = barcodeShape(view.bcbp, symbology);
  const quiet = QUIET_ZONE_MODULES * shape.module;
  const maxW = symbology === "pdf417" ? RIGHT - LEFT + 12 : 176;
  const maxH = bottom - top;
  const scale = Math.min(maxW / (shape.width + 2 * quiet), maxH / (shape.height + 2 * quiet));
  const boxW = (shape.width + 2 * quiet) * scale;
  const boxH = (shape.height + 2 * quiet) * scale;
  const boxX = (PAGE.width - boxW) / 2;
  const boxY = top + (maxH - boxH) / 2;
  s.push({ t: "rect", x: boxX, y: boxY, w: boxW, h: boxH, fill: "#FFFFFF" }, { t: "barcode", x: boxX + quiet * scale, y: boxY + quiet * scale, scale, d: shape.d });
  s.push({ t: "text", x: PAGE.width / 2, y: CARD.y + CARD.h - 16, text: L.footer, size: 6.5, fill: COLORS.label, anchor: "middle" });
  return s;
}
