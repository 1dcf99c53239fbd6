// Airline names printed next to their IATA designators (boarding passes, booking cards). A short
// list of the carriers our airline customers and their partners fly; an unknown code is shown as
// the code alone, which is what a real pass carries in its barcode anyway. Client-safe.

const AIRLINES: Readonly<Record<string, string>> = {
  // The demo workspace's airline.
  VZ: "Volo Azzurro",
  AZ: "ITA Airways", AF: "Air France", KL: "KLM", LH: "Lufthansa", LX: "SWISS", OS: "Austrian", SN: "Brussels Airlines",
  BA: "British Airways", IB: "Iberia", VY: "Vueling", TP: "TAP Air Portugal", FR: "Ryanair", U2: "easyJet", AC: "Air Canada",
  DL: "Delta", UA: "United", AA: "American Airlines", EK: "Emirates", QR: "Qatar Airways", TK: "Turkish Airlines",
  V7: "Volotea", EN: "Air Dolomiti", W6: "Wizz Air", SK: "SAS", AY: "Finnair", EI: "Aer Lingus",
};

export function airlineName(code: string): string {
  return AIRLINES[code.toUpperCase()] ?? code;
}
