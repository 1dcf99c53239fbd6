// Airports Sportello knows by heart: enough to default a leg's time zones when the airline's
// system omits them, and to show a city next to a code. Client-safe (the contact panel uses it).
// Not a full IATA list: an unknown code is still a valid leg, it just needs its time zones given.

export type Airport = { code: string; city: string; cityIt: string; name: string; timeZone: string };

const A = (code: string, city: string, cityIt: string, name: string, timeZone: string): Airport => ({ code, city, cityIt, name, timeZone });

const LIST: readonly Airport[] = [
  // Italy
  A("FCO", "Rome", "Roma", "Fiumicino Leonardo da Vinci", "Europe/Rome"),
  A("CIA", "Rome", "Roma", "Ciampino", "Europe/Rome"),
  A("MXP", "Milan", "Milano", "Malpensa", "Europe/Rome"),
  A("LIN", "Milan", "Milano", "Linate", "Europe/Rome"),
  A("BGY", "Bergamo", "Bergamo", "Orio al Serio", "Europe/Rome"),
  A("NAP", "Naples", "Napoli", "Capodichino", "Europe/Rome"),
  A("CTA", "Catania", "Catania", "Fontanarossa", "Europe/Rome"),
  A("PMO", "Palermo", "Palermo", "Falcone Borsellino", "Europe/Rome"),
  A("VCE", "Venice", "Venezia", "Marco Polo", "Europe/Rome"),
  A("BLQ", "Bologna", "Bologna", "Guglielmo Marconi", "Europe/Rome"),
  A("TRN", "Turin", "Torino", "Caselle", "Europe/Rome"),
  A("BRI", "Bari", "Bari", "Karol Wojtyła", "Europe/Rome"),
  A("CAG", "Cagliari", "Cagliari", "Elmas", "Europe/Rome"),
  A("SUF", "Lamezia Terme", "Lamezia Terme", "Lamezia Terme", "Europe/Rome"),
  A("FLR", "Florence", "Firenze", "Peretola", "Europe/Rome"),
  A("PSA", "Pisa", "Pisa", "Galileo Galilei", "Europe/Rome"),
  A("OLB", "Olbia", "Olbia", "Costa Smeralda", "Europe/Rome"),
  A("BDS", "Brindisi", "Brindisi", "Salento", "Europe/Rome"),
  // Europe
  A("LHR", "London", "Londra", "Heathrow", "Europe/London"),
  A("LGW", "London", "Londra", "Gatwick", "Europe/London"),
  A("CDG", "Paris", "Parigi", "Charles de Gaulle", "Europe/Paris"),
  A("ORY", "Paris", "Parigi", "Orly", "Europe/Paris"),
  A("FRA", "Frankfurt", "Francoforte", "Frankfurt am Main", "Europe/Berlin"),
  A("MUC", "Munich", "Monaco di Baviera", "Franz Josef Strauss", "Europe/Berlin"),
  A("BER", "Berlin", "Berlino", "Brandenburg", "Europe/Berlin"),
  A("MAD", "Madrid", "Madrid", "Barajas", "Europe/Madrid"),
  A("BCN", "Barcelona", "Barcellona", "El Prat", "Europe/Madrid"),
  A("AMS", "Amsterdam", "Amsterdam", "Schiphol", "Europe/Amsterdam"),
  A("BRU", "Brussels", "Bruxelles", "Zaventem", "Europe/Brussels"),
  A("ZRH", "Zurich", "Zurigo", "Zürich", "Europe/Zurich"),
  A("GVA", "Geneva", "Ginevra", "Genève", "Europe/Zurich"),
  A("VIE", "Vienna", "Vienna", "Schwechat", "Europe/Vienna"),
  A("LIS", "Lisbon", "Lisbona", "Humberto Delgado", "Europe/Lisbon"),
  A("ATH", "Athens", "Atene", "Eleftherios Venizelos", "Europe/Athens"),
  A("DUB", "Dublin", "Dublino", "Dublin", "Europe/Dublin"),
  A("CPH", "Copenhagen", "Copenaghen", "Kastrup", "Europe/Copenhagen"),
  A("IST", "Istanbul", "Istanbul", "Istanbul", "Europe/Istanbul"),
  // World
  A("JFK", "New York", "New York", "John F. Kennedy", "America/New_York"),
  A("EWR", "Newark", "Newark", "Newark Liberty", "America/New_York"),
  A("BOS", "Boston", "Boston", "Logan", "America/New_York"),
  A("ORD", "Chicago", "Chicago", "O'Hare", "America/Chicago"),
  A("MIA", "Miami", "Miami", "Miami", "America/New_York"),
  A("LAX", "Los Angeles", "Los Angeles", "Los Angeles", "America/Los_Angeles"),
  A("YYZ", "Toronto", "Toronto", "Pearson", "America/Toronto"),
  A("GRU", "São Paulo", "San Paolo", "Guarulhos", "America/Sao_Paulo"),
  A("EZE", "Buenos Aires", "Buenos Aires", "Ezeiza", "America/Argentina/Buenos_Aires"),
  A("DXB", "Dubai", "Dubai", "Dubai", "Asia/Dubai"),
  A("DOH", "Doha", "Doha", "Hamad", "Asia/Qatar"),
  A("TLV", "Tel Aviv", "Tel Aviv", "Ben Gurion", "Asia/Jerusalem"),
  A("CAI", "Cairo", "Il Cairo", "Cairo", "Africa/Cairo"),
  A("DEL", "Delhi", "Delhi", "Indira Gandhi", "Asia/Kolkata"),
  A("NRT", "Tokyo", "Tokyo", "Narita", "Asia/Tokyo"),
  A("HND", "Tokyo", "Tokyo", "Haneda", "Asia/Tokyo"),
  A("PEK", "Beijing", "Pechino", "Capital", "Asia/Shanghai"),
  A("SIN", "Singapore", "Singapore", "Changi", "Asia/Singapore"),
  // More cities the passes and the panel name
  A("VRN", "Verona", "Verona", "Valerio Catullo", "Europe/Rome"),
  A("GOA", "Genoa", "Genova", "Cristoforo Colombo", "Europe/Rome"),
  A("TRS", "Trieste", "Trieste", "Friuli Venezia Giulia", "Europe/Rome"),
  A("LMP", "Lampedusa", "Lampedusa", "Lampedusa", "Europe/Rome"),
  A("ARN", "Stockholm", "Stoccolma", "Arlanda", "Europe/Stockholm"),
  A("HEL", "Helsinki", "Helsinki", "Helsinki-Vantaa", "Europe/Helsinki"),
  A("OSL", "Oslo", "Oslo", "Gardermoen", "Europe/Oslo"),
  A("WAW", "Warsaw", "Varsavia", "Chopin", "Europe/Warsaw"),
  A("PRG", "Prague", "Praga", "Václav Havel", "Europe/Prague"),
  A("BUD", "Budapest", "Budapest", "Ferenc Liszt", "Europe/Budapest"),
  A("SFO", "San Francisco", "San Francisco", "San Francisco International", "America/Los_Angeles"),
  A("YUL", "Montréal", "Montréal", "Trudeau", "America/Toronto"),
  A("MEX", "Mexico City", "Città del Messico", "Benito Juárez", "America/Mexico_City"),
  A("HKG", "Hong Kong", "Hong Kong", "Hong Kong International", "Asia/Hong_Kong"),
  A("BOM", "Mumbai", "Mumbai", "Chhatrapati Shivaji Maharaj", "Asia/Kolkata"),
];

export const AIRPORTS: Readonly<Record<string, Airport>> = Object.freeze(Object.fromEntries(LIST.map((a) => [a.code, a])));

export function airportOf(code: string): Airport | undefined {
  return AIRPORTS[code.toUpperCase()];
}

/** The city to show for a code, in Italian or English; undefined for an airport not in the table. */
export function airportCity(code: string, locale: string): string | undefined {
  const a = airportOf(code);
  if (!a) return undefined;
  return locale.toLowerCase().startsWith("it") ? a.cityIt : a.city;
}
