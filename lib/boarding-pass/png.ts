import "server-only";
import { Resvg } from "@resvg/resvg-js";
import type { Symbology } from "./barcode";
import { layoutPass, PAGE, type Shape } from "./layout";
import type { PassView } from "./pass-view";

// The pass as a PNG: the layout's shapes written as SVG and rasterised by resvg (a maintained
// Rust SVG renderer with prebuilt Node binaries, no system libraries such as cairo needed). The
// barcode stays vector until the last step, so its modules land on whole pixels at 3×.

const FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function svgOf(shape: Shape): string {
  switch (shape.t) {
    case "rect":
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.w}" height="${shape.h}" fill="${shape.fill}"/>`;
    case "path":
      return `<path d="${shape.d}" fill="${shape.fill}"/>`;
    case "barcode":
      return `<path d="${shape.d}" fill="#000000" transform="translate(${shape.x} ${shape.y}) scale(${shape.scale})" shape-rendering="crispEdges"/>`;
    case "line":
      return `<line x1="${shape.x1}" y1="${shape.y1}" x2="${shape.x2}" y2="${shape.y2}" stroke="${shape.stroke}" stroke-width="${shape.width}" stroke-linecap="round"${shape.dash ? ` stroke-dasharray="${shape.dash} ${shape.dash}"` : ""}/>`;
    case "text":
      if (!shape.text) return "";
      return `<text x="${shape.x}" y="${shape.y}" font-size="${shape.size}" font-family="${FONT}"${shape.bold ? ` font-weight="bold"` : ""} fill="${shape.fill}" text-anchor="${shape.anchor ?? "start"}">${esc(shape.text)}</text>`;
  }
}

export function renderPassSvg(view: PassView, symbology: Symbology = "aztec"): string {
  const body = layoutPass(view, symbology).map(svgOf).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}">\n${body}\n</svg>`;
}

/** 1080 × 1920 at the default 3×: a phone screen's worth of pixels. */
export function renderPassPng(view: PassView, symbology: Symbology = "aztec", zoom = 3): Buffer {
  const resvg = new Resvg(renderPassSvg(view, symbology), {
    fitTo: { mode: "zoom", value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
