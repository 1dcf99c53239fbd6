import type { AppLocale } from "@/i18n/locales";

// Names printed on the pass next to the codes. A short list of the carriers and airports the demo
// and our airline customers fly; an unknown code is printed as the code alone, which is what a
// real pass shows in the barcode anyway.

const AIRLINES: Record<string, string> = {
  AZ: "ITA Airways", AF: "Air France", KL: "KLM", LH: "Lufthansa", LX: "SWISS", OS: "Austrian", SN: "Brussels Airlines",
  BA: "British Airways", IB: "Iberia", VY: "Vueling", TP: "TAP Air Portugal", FR: "Ryanair", U2: "easyJet", AC: "Air Canada",
  DL: "Delta", UA: "United", AA: "American Airlines", EK: "Emirates", QR: "Qatar Airways", TK: "Turkish Airlines",
  V7: "Volotea", EN: "Air Dolomiti", W6: "Wizz Air", SK: "SAS", AY: "Finnair", EI: "Aer Lingus",
};

/** City in English and, where it differs, in Italian. */
const CITIES: Record<string, [string, string?]> = {
  FCO: ["Rome", "Roma"], CIA: ["Rome", "Roma"], MXP: ["Milan", "Milano"], LIN: ["Milan", "Milano"], BGY: ["Bergamo"],
  VCE: ["Venice", "Venezia"], NAP: ["Naples", "Napoli"], FLR: ["Florence", "Firenze"], PSA: ["Pisa"], BLQ: ["Bologna"],
  TRN: ["Turin", "Torino"], CTA: ["Catania"], PMO: ["Palermo"], BRI: ["Bari"], CAG: ["Cagliari"], OLB: ["Olbia"],
  VRN: ["Verona"], GOA: ["Genoa", "Genova"], TRS: ["Trieste"], LMP: ["Lampedusa"],
  CDG: ["Paris", "Parigi"], ORY: ["Paris", "Parigi"], LHR: ["London", "Londra"], LGW: ["London", "Londra"],
  FRA: ["Frankfurt", "Francoforte"], MUC: ["Munich", "Monaco di Baviera"], AMS: ["Amsterdam"], MAD: ["Madrid"],
  BCN: ["Barcelona", "Barcellona"], LIS: ["Lisbon", "Lisbona"], ZRH: ["Zurich", "Zurigo"], GVA: ["Geneva", "Ginevra"],
  VIE: ["Vienna"], BRU: ["Brussels", "Bruxelles"], DUB: ["Dublin", "Dublino"], ATH: ["Athens", "Atene"],
  CPH: ["Copenhagen", "Copenaghen"], ARN: ["Stockholm", "Stoccolma"], HEL: ["Helsinki"], OSL: ["Oslo"],
  WAW: ["Warsaw", "Varsavia"], PRG: ["Prague", "Praga"], BUD: ["Budapest"], IST: ["Istanbul"], TLV: ["Tel Aviv"],
  CAI: ["Cairo", "Il Cairo"], DXB: ["Dubai"], DOH: ["Doha"], JFK: ["New York"], EWR: ["Newark"], BOS: ["Boston"],
  ORD: ["Chicago"], MIA: ["Miami"], LAX: ["Los Angeles"], SFO: ["San Francisco"], YUL: ["Montréal"], YYZ: ["Toronto"],
  GRU: ["São Paulo", "San Paolo"], EZE: ["Buenos Aires"], MEX: ["Mexico City", "Città del Messico"],
  HND: ["Tokyo"], NRT: ["Tokyo"], SIN: ["Singapore"], HKG: ["Hong Kong"], DEL: ["Delhi"], BOM: ["Mumbai"],
};

export function airlineName(code: string): string {
  return AIRLINES[code] ?? code;
}

export function cityName(airport: string, locale: AppLocale): string | null {
  const names = CITIES[airport];
  if (!names) return null;
  return locale === "it" ? (names[1] ?? names[0]) : names[0];
}
