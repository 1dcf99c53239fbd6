// What other domains use: the template sender (a DOCUMENT header), the document-message sender
// and the routes. Server only.
import "server-only";

export { createBoardingPassLink, documentHeaderParameter, renderLinkedBoardingPass, DEFAULT_LINK_TTL_SECONDS, type BoardingPassLink } from "./link";
export { renderBoardingPass, renderPassFile, passLocale, type RenderedPass } from "./render";
export { buildBcbp } from "./bcbp";
export { buildPassView, passLabels, fill } from "./pass-view";
export { boardingPassErrors } from "./errors";
export { passQuerySchema, sendPassSchema, SYMBOLOGIES, PASS_FORMATS, type PassQuery, type SendPassInput, type Symbology, type PassFormat } from "./schemas";
