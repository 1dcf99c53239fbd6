import "server-only";
import { LineCapStyle, PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";
import type { Symbology } from "./barcode";
import { layoutPass, PAGE, type Shape } from "./layout";
import type { PassView } from "./pass-view";

// The pass as a one-page PDF (pdf-lib: pure JavaScript, no native code). Text uses the standard
// Helvetica, which every PDF reader has, so nothing is embedded and the file stays small; the
// barcode is vector paths, sharp at any zoom.

function color(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

// Helvetica's WinAnsi encoding covers Latin-1 and these; anything else loses its accent or becomes "?".
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else {
      const bare = ch.normalize("NFD").replace(/\p{M}/gu, "");
      out += bare && [...bare].every((c) => c.codePointAt(0)! < 0x7f) ? bare : "?";
    }
  }
  return out;
}

function draw(page: ReturnType<PDFDocument["addPage"]>, shape: Shape, fonts: { regular: PDFFont; bold: PDFFont }) {
  const H = PAGE.height;
  switch (shape.t) {
    case "rect":
      page.drawRectangle({ x: shape.x, y: H - shape.y - shape.h, width: shape.w, height: shape.h, color: color(shape.fill) });
      return;
    case "path":
      page.drawSvgPath(shape.d, { x: 0, y: H, color: color(shape.fill) });
      return;
    case "barcode":
      page.drawSvgPath(shape.d, { x: shape.x, y: H - shape.y, scale: shape.scale, color: rgb(0, 0, 0) });
      return;
    case "line":
      page.drawLine({
        start: { x: shape.x1, y: H - shape.y1 },
        end: { x: shape.x2, y: H - shape.y2 },
        thickness: shape.width,
        color: color(shape.stroke),
        lineCap: LineCapStyle.Round,
        ...(shape.dash ? { dashArray: [shape.dash, shape.dash] } : {}),
      });
      return;
    case "text": {
      const font = shape.bold ? fonts.bold : fonts.regular;
      const text = winAnsi(shape.text);
      if (!text) return;
      const width = font.widthOfTextAtSize(text, shape.size);
      const x = shape.anchor === "middle" ? shape.x - width / 2 : shape.anchor === "end" ? shape.x - width : shape.x;
      page.drawText(text, { x, y: H - shape.y, size: shape.size, font, color: color(shape.fill) });
      return;
    }
  }
}

export async function renderPassPdf(view: PassView, symbology: Symbology = "aztec", createdAt = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${view.labels.title} ${view.flight} ${view.from.code}–${view.to.code}`);
  doc.setAuthor(view.airline);
  doc.setSubject(view.passengerName);
  doc.setCreator("Sportello");
  doc.setProducer("Sportello (pdf-lib)");
  doc.setLanguage(view.locale);
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  for (const shape of layoutPass(view, symbology)) draw(page, shape, fonts);
  return doc.save();
}
