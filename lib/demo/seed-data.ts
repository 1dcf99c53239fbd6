// Static material for the demo workspace: a fictional Italian airline, "Volo Azzurro".
// Everything random (who, when, which booking code) is drawn in ./seed.ts from a seeded PRNG.

export const DEMO_PASSWORD = "sportello-demo";

export const DEMO_WORKSPACE = {
  name: "Volo Azzurro",
  verifiedName: "Volo Azzurro",
  timezone: "Europe/Rome",
} as const;

export const DEMO_CHANNEL = {
  phoneNumberId: "106540352242922",
  wabaId: "102290129340398",
  displayPhoneNumber: "+39 06 8888 0000",
  verifiedName: "Volo Azzurro",
  verified: true,
} as const;

export const TEAM_NAMES = ["Bookings", "Payments"] as const;
export type TeamName = (typeof TEAM_NAMES)[number];

export type DemoRole = "admin" | "lead" | "agent";
export type DemoAvailability = "online" | "away" | "offline";

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  availability: DemoAvailability;
  /** The team the user works in; the admin oversees both and belongs to none. */
  team: TeamName | null;
  /** Open conversations auto-assignment may give them at most (leads keep room for leading). */
  capacity: number;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@voloazzurro.it", name: "Alessandra Conti", role: "admin", availability: "online", team: null, capacity: 8 },
  { email: "marco@voloazzurro.it", name: "Marco Ricci", role: "lead", availability: "online", team: "Bookings", capacity: 3 },
  { email: "elena@voloazzurro.it", name: "Elena Ferrari", role: "lead", availability: "away", team: "Payments", capacity: 3 },
  { email: "giulia@voloazzurro.it", name: "Giulia Romano", role: "agent", availability: "online", team: "Bookings", capacity: 8 },
  { email: "luca@voloazzurro.it", name: "Luca Bianchi", role: "agent", availability: "online", team: "Bookings", capacity: 4 },
  { email: "sara@voloazzurro.it", name: "Sara Colombo", role: "agent", availability: "away", team: "Payments", capacity: 6 },
  { email: "paolo@voloazzurro.it", name: "Paolo Esposito", role: "agent", availability: "offline", team: "Bookings", capacity: 8 },
  { email: "chiara@voloazzurro.it", name: "Chiara Marino", role: "agent", availability: "online", team: "Payments", capacity: 4 },
];

// ---------------------------------------------------------------------------------------------
// Customers

export type Country = "IT" | "GB" | "DE" | "US";

export const COUNTRIES: Record<Country, { locale: string; lang: Lang; nameEn: string }> = {
  IT: { locale: "it_IT", lang: "it", nameEn: "Italy" },
  GB: { locale: "en_GB", lang: "en", nameEn: "the United Kingdom" },
  DE: { locale: "de_DE", lang: "en", nameEn: "Germany" },
  US: { locale: "en_US", lang: "en", nameEn: "the United States" },
};

/** Share of each country in every block of 30 contacts (46/6/4/4 for the default 60). */
export const COUNTRY_MIX: Record<Country, number> = { IT: 23, GB: 3, DE: 2, US: 2 };

export const FIRST_NAMES: Record<Country, readonly string[]> = {
  IT: [
    "Francesca", "Giovanni", "Martina", "Alessandro", "Chiara", "Lorenzo", "Valentina", "Matteo", "Federica",
    "Andrea", "Silvia", "Davide", "Roberta", "Stefano", "Ilaria", "Simone", "Beatrice", "Riccardo", "Elisa",
    "Tommaso", "Laura", "Fabio", "Serena", "Antonio", "Giorgia", "Nicola", "Anna", "Emanuele", "Marta",
    "Salvatore", "Veronica", "Gabriele", "Rosa", "Filippo", "Alessia", "Daniele", "Caterina", "Vincenzo",
  ],
  GB: ["Oliver", "Amelia", "Harry", "Sophie", "James", "Charlotte", "Thomas", "Emily", "George", "Hannah"],
  DE: ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Katharina", "Maximilian", "Sophie"],
  US: ["Emma", "Michael", "Olivia", "Daniel", "Ava", "Ryan", "Madison", "Tyler"],
};

export const LAST_NAMES: Record<Country, readonly string[]> = {
  IT: [
    "Russo", "Gallo", "Costa", "Fontana", "Conte", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Mancini",
    "Greco", "Bruno", "De Luca", "Santoro", "Marchetti", "Leone", "Longo", "Gentile", "Martinelli", "Vitale",
    "Serra", "Caruso", "Ferrara", "Galli", "Rinaldi", "Sanna", "Pellegrini", "Palumbo", "Cattaneo", "Villa",
    "Fiore", "Monti", "Orlando", "Parisi", "Testa", "Grasso", "D'Angelo", "Bernardi",
  ],
  GB: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes", "Clarke", "Wright"],
  DE: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann"],
  US: ["Johnson", "Williams", "Miller", "Davis", "Garcia", "Martinez", "Anderson", "Thompson"],
};

/** Emoji some people put in their WhatsApp profile name. */
export const PROFILE_EMOJI = ["🌸", "✈️", "🌻", "⚽", "🏖️", "☀️", "🎶"] as const;

export const PHONE_PLANS: Record<Country, { prefixes: readonly string[]; digits: number; timezone: readonly string[] }> = {
  // +39 3xx xxxxxxx
  IT: {
    prefixes: ["39320", "39328", "39329", "39333", "39334", "39335", "39338", "39339", "39340", "39345", "39347", "39348", "39349", "39366", "39380", "39388", "39389", "39392", "39393"],
    digits: 7,
    timezone: ["Europe/Rome"],
  },
  // +44 7xxx xxxxxx
  GB: { prefixes: ["447700", "447781", "447825", "447911", "447956"], digits: 6, timezone: ["Europe/London"] },
  // +49 15x/17x xxxxxxxx
  DE: { prefixes: ["49151", "49152", "49160", "49170", "49171", "49176"], digits: 8, timezone: ["Europe/Berlin"] },
  // +1 NPA NXX xxxx; the time zone follows the area code (see US_AREA_TIMEZONE).
  US: { prefixes: ["1212", "1312", "1415", "1617"], digits: 7, timezone: ["America/New_York"] },
};

export const US_AREA_TIMEZONE: Record<string, string> = {
  "1212": "America/New_York",
  "1312": "America/Chicago",
  "1415": "America/Los_Angeles",
  "1617": "America/New_York",
};

// ---------------------------------------------------------------------------------------------
// Flights

export interface Route {
  it: readonly [string, string];
  en: readonly [string, string];
  /** IATA codes of the two airports, in the same order (the demo bookings use them). */
  codes: readonly [string, string];
  international: boolean;
}

export const ROUTES: readonly Route[] = [
  { it: ["Roma Fiumicino", "Milano Linate"], en: ["Rome Fiumicino", "Milan Linate"], codes: ["FCO", "LIN"], international: false },
  { it: ["Milano Linate", "Napoli"], en: ["Milan Linate", "Naples"], codes: ["LIN", "NAP"], international: false },
  { it: ["Roma Fiumicino", "Catania"], en: ["Rome Fiumicino", "Catania"], codes: ["FCO", "CTA"], international: false },
  { it: ["Torino", "Palermo"], en: ["Turin", "Palermo"], codes: ["TRN", "PMO"], international: false },
  { it: ["Venezia", "Bari"], en: ["Venice", "Bari"], codes: ["VCE", "BRI"], international: false },
  { it: ["Roma Fiumicino", "Cagliari"], en: ["Rome Fiumicino", "Cagliari"], codes: ["FCO", "CAG"], international: false },
  { it: ["Bologna", "Lamezia Terme"], en: ["Bologna", "Lamezia Terme"], codes: ["BLQ", "SUF"], international: false },
  { it: ["Londra Gatwick", "Roma Fiumicino"], en: ["London Gatwick", "Rome Fiumicino"], codes: ["LGW", "FCO"], international: true },
  { it: ["Roma Fiumicino", "Parigi Charles de Gaulle"], en: ["Rome Fiumicino", "Paris Charles de Gaulle"], codes: ["FCO", "CDG"], international: true },
  { it: ["Monaco di Baviera", "Napoli"], en: ["Munich", "Naples"], codes: ["MUC", "NAP"], international: true },
  { it: ["Milano Linate", "Barcellona"], en: ["Milan Linate", "Barcelona"], codes: ["LIN", "BCN"], international: true },
  { it: ["New York JFK", "Roma Fiumicino"], en: ["New York JFK", "Rome Fiumicino"], codes: ["JFK", "FCO"], international: true },
  { it: ["Francoforte", "Catania"], en: ["Frankfurt", "Catania"], codes: ["FRA", "CTA"], international: true },
  { it: ["Amsterdam", "Venezia"], en: ["Amsterdam", "Venice"], codes: ["AMS", "VCE"], international: true },
];

export const MONTHS: Record<Lang, readonly string[]> = {
  it: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

// ---------------------------------------------------------------------------------------------
// Conversation scripts
//
// Each script alternates customer / agent, starting with the customer and ending with the agent.
// Placeholders, filled per conversation: {first} {last} {LAST} {agent} {pnr} {flight} {flight2} {from}
// {to} {date} {date2} {time} {amount} {link} {link2} {seat} {seat2} {row} {pir} {last4} {vat}
// {voucher} {country}.

export type Lang = "it" | "en";
export type Priority = "low" | "normal" | "high" | "urgent";

export interface Script {
  id: string;
  lang: Lang;
  team: TeamName;
  priority: Priority;
  lines: readonly string[];
}

export const SCRIPTS: readonly Script[] = [
  // ---------------------------------------------------------------- Italiano
  {
    id: "it-cambio-data",
    lang: "it",
    team: "Bookings",
    priority: "normal",
    lines: [
      "Buongiorno, avrei bisogno di cambiare la data del volo {from}-{to} del {date}. Il codice di prenotazione è {pnr}",
      "Buongiorno {first}, sono {agent} di Volo Azzurro. Ho trovato la prenotazione {pnr}. Per quale giorno vorrebbe spostare il volo?",
      "Se possibile due giorni dopo, sempre di mattina",
      "C'è posto sul {flight2} delle 07:40 del {date2}. La tariffa Classic prevede il cambio pagando solo la differenza tariffaria di {amount}. Procedo?",
      "Sì va bene, procedi pure",
      "Fatto! Le ho inviato il link per pagare la differenza: {link} (valido 24 ore).",
      "Pagato 👍",
      "Ricevuto, grazie. La nuova conferma le arriva via email e il check-in apre 48 ore prima della partenza.",
      "Grazie mille, gentilissimi",
      "È stato un piacere, {first}. Per qualsiasi altra cosa ci scriva pure qui. Buon viaggio!",
    ],
  },
  {
    id: "it-check-in",
    lang: "it",
    team: "Bookings",
    priority: "high",
    lines: [
      "Ciao, sto provando a fare il check-in online per il volo {flight} di domani ma mi dice \"prenotazione non trovata\"",
      "Buongiorno {first}, sono {agent}. Mi indica il codice di prenotazione (6 caratteri) e il cognome come riportato sul biglietto?",
      "{pnr}, cognome {last}",
      "Grazie. Nella prenotazione il cognome era stato inserito con un refuso: l'ho appena corretto. Può riprovare tra un paio di minuti?",
      "Ora funziona! Però non riesco a scegliere il posto",
      "Con la tariffa Light il posto viene assegnato gratuitamente al check-in. Se preferisce sceglierlo, la selezione parte da 7 €.",
      "Va bene così allora, grazie",
      "Perfetto. Le ricordo che il gate chiude 20 minuti prima della partenza. Buon viaggio!",
    ],
  },
  {
    id: "it-bagaglio-smarrito",
    lang: "it",
    team: "Bookings",
    priority: "high",
    lines: [
      "Buonasera, il volo {flight} è atterrato a {to} ma la mia valigia non è arrivata 😞",
      "Buonasera {first}, mi dispiace molto. Sono {agent}. Ha già fatto la denuncia (PIR) all'ufficio Lost & Found in aeroporto?",
      "Sì, il numero di pratica è {pir}",
      "Grazie. Dal tracciamento vedo che la valigia è rimasta a {from} ed è stata caricata sul volo di stasera: verrà consegnata al suo indirizzo entro domani.",
      "Ok, ma nel frattempo devo comprare qualcosa, ho solo quello che ho addosso",
      "Certo. Può acquistare i beni di prima necessità e conservare gli scontrini: rimborsiamo fino a 50 € al giorno per i primi 3 giorni.",
      "Perfetto, li mando qui?",
      "Sì, li invii qui in foto insieme a IBAN e intestatario del conto. Li inoltro io all'ufficio rimborsi.",
      "Grazie, molto gentile",
      "Si figuri. Le scrivo appena il corriere conferma la consegna della valigia.",
    ],
  },
  {
    id: "it-rimborso-cancellazione",
    lang: "it",
    team: "Payments",
    priority: "normal",
    lines: [
      "Salve, il mio volo {flight} del {date} è stato cancellato. Vorrei il rimborso e non il voucher",
      "Buongiorno {first}, sono {agent} dell'ufficio pagamenti. Ci scusiamo per la cancellazione: ha diritto al rimborso completo. Mi conferma il codice di prenotazione?",
      "{pnr}",
      "Grazie. Ho avviato il rimborso di {amount} sullo stesso metodo di pagamento usato per l'acquisto.",
      "Quanto ci vuole?",
      "Di solito 7-10 giorni lavorativi, dipende dalla banca. Riceverà anche un'email di conferma.",
      "Ok, grazie",
      "Grazie a lei per la pazienza, e ci scusiamo ancora per il disagio.",
    ],
  },
  {
    id: "it-posti-bambino",
    lang: "it",
    team: "Bookings",
    priority: "low",
    lines: [
      "Buongiorno! Viaggio con mio figlio di 3 anni sul {flight}, è possibile avere due posti vicini?",
      "Buongiorno {first}, sono {agent}. Certo: ai bambini sotto i 12 anni assegniamo gratuitamente un posto accanto a un adulto della stessa prenotazione. Mi dà il codice?",
      "{pnr}",
      "Fatto: vi ho assegnato i posti {seat} e {seat2}, uno dei due al finestrino.",
      "Fantastico, grazie!",
      "Di nulla! Buon viaggio a tutti e due ✈️",
    ],
  },
  {
    id: "it-link-pagamento",
    lang: "it",
    team: "Payments",
    priority: "normal",
    lines: [
      "Ciao, ho parlato al telefono con un vostro collega per aggiungere un bagaglio da stiva, mi dovevate mandare un link per pagare",
      "Buongiorno {first}, sono {agent}. Eccolo: {link}. L'importo è {amount} per un bagaglio da 23 kg sulla tratta {from}-{to}.",
      "Il link mi dà errore \"sessione scaduta\"",
      "Mi scusi, ne ho generato uno nuovo: {link2}. È valido 24 ore.",
      "Fatto, pagamento andato a buon fine",
      "Confermo, ricevuto. Il bagaglio è stato aggiunto alla prenotazione {pnr} e la ricevuta le arriva via email.",
      "Perfetto grazie. Lo zaino lo posso portare in cabina?",
      "Sì, con tutte le tariffe è incluso un oggetto personale da 40x30x20 cm da tenere sotto il sedile. Buon viaggio!",
    ],
  },
  {
    id: "it-carta-imbarco",
    lang: "it",
    team: "Bookings",
    priority: "normal",
    lines: [
      "Buongiorno, ho fatto il check-in ma non mi è arrivata la carta d'imbarco via email",
      "Buongiorno {first}, sono {agent}. Controllo subito: mi indica il codice di prenotazione?",
      "{pnr}",
      "L'email è partita verso un indirizzo con un errore di battitura. Se vuole le mando la carta d'imbarco qui su WhatsApp, va bene?",
      "Sì grazie, così ce l'ho sul telefono",
      "Ecco la carta d'imbarco per il {flight}, posto {seat}. L'imbarco inizia alle {time}, il gate lo trova sui monitor in aeroporto.",
      "Ricevuta 👍",
      "Ottimo. Ho corretto anche l'email nella prenotazione. Buon volo!",
    ],
  },
  {
    id: "it-ritardo-coincidenza",
    lang: "it",
    team: "Bookings",
    priority: "urgent",
    lines: [
      "Il volo {flight} da {from} ha 2 ore di ritardo e perderò la coincidenza a Fiumicino!!",
      "Buongiorno {first}, sono {agent}, me ne occupo subito. Mi conferma il codice di prenotazione?",
      "{pnr} siamo in due",
      "Grazie. Vi ho già riprotetti sul volo successivo per {to} delle 18:35, con i posti vicini. Le nuove carte d'imbarco arrivano via email.",
      "Ok ma arriviamo tardissimo, abbiamo diritto a qualcosa?",
      "Con un ritardo all'arrivo superiore a 3 ore potete chiedere la compensazione prevista dal Regolamento UE 261/2004. Il modulo è qui: https://voloazzurro.it/rimborsi",
      "E per mangiare in aeroporto?",
      "Al banco transiti di Fiumicino vi danno due buoni pasto da 15 € a testa: basta mostrare la carta d'imbarco.",
      "Grazie, almeno questo",
      "Ci scusiamo ancora per il disagio, {first}. Buon proseguimento.",
    ],
  },
  {
    id: "it-doppio-addebito",
    lang: "it",
    team: "Payments",
    priority: "high",
    lines: [
      "Buonasera, mi avete addebitato due volte lo stesso biglietto! {amount} per due volte sulla carta",
      "Buonasera {first}, sono {agent}, mi dispiace. Mi manda il codice di prenotazione e le ultime 4 cifre della carta?",
      "{pnr}, la carta finisce con {last4}",
      "Grazie. Il secondo movimento è una preautorizzazione non andata a buon fine: la banca la sblocca da sola entro 5 giorni lavorativi.",
      "Quindi non devo fare niente?",
      "Esatto, nessuna azione necessaria. Se dopo 5 giorni vede ancora l'importo bloccato mi scriva qui e apro una pratica con la banca.",
      "Ok grazie, gentilissimi",
      "Grazie a lei, buona serata.",
    ],
  },
  {
    id: "it-fattura",
    lang: "it",
    team: "Payments",
    priority: "low",
    lines: [
      "Salve, mi servirebbe la fattura del biglietto {pnr} intestata alla mia azienda",
      "Buongiorno {first}, sono {agent}. Certo, mi indichi ragione sociale, partita IVA e codice SDI o PEC.",
      "Studio {last} Srl, P.IVA {vat}, codice SDI M5UXCR1",
      "Perfetto, ho inoltrato la richiesta. La fattura elettronica arriverà tramite SDI entro 48 ore.",
      "Grazie mille",
      "Grazie a lei, buona giornata!",
    ],
  },
  {
    id: "it-animale-cabina",
    lang: "it",
    team: "Bookings",
    priority: "normal",
    lines: [
      "Ciao, posso portare il mio cane in cabina? È un bassotto di 7 kg",
      "Buongiorno {first}, sono {agent}. Sì, gli animali fino a 8 kg trasportino compreso viaggiano in cabina, va prenotato (45 € a tratta). Mi dà il codice di prenotazione?",
      "{pnr}",
      "Fatto, ho aggiunto l'animale in cabina sul {flight}. Ecco il link per il pagamento: {link}",
      "Pagato, grazie! Serve qualche documento?",
      "Per i voli nazionali basta il libretto sanitario. Il trasportino deve stare sotto il sedile davanti (massimo 40x30x20 cm).",
    ],
  },
  {
    id: "it-correzione-nome",
    lang: "it",
    team: "Bookings",
    priority: "normal",
    lines: [
      "Buongiorno, ho sbagliato a scrivere il nome di mia moglie nella prenotazione: ho messo Mariagrazia invece di Maria Grazia",
      "Buongiorno {first}, sono {agent}. Nessun problema, le correzioni fino a 3 caratteri sono gratuite. Il codice di prenotazione?",
      "{pnr}",
      "Corretto: ora il nome risulta MARIA GRAZIA {LAST}. Le arriva la conferma aggiornata via email.",
      "Grazie, velocissimi!",
      "Buon viaggio!",
    ],
  },
  {
    id: "it-assistenza",
    lang: "it",
    team: "Bookings",
    priority: "high",
    lines: [
      "Buongiorno, mia madre ha 82 anni e fa fatica a camminare, si può avere assistenza in aeroporto per il volo del {date}?",
      "Buongiorno {first}, sono {agent}. Certo, il servizio è gratuito. Mi indica il codice di prenotazione e se serve la sedia a rotelle fino al posto a bordo?",
      "{pnr}, sì fino al posto se possibile",
      "Ho richiesto l'assistenza completa sul volo {flight}. Vi presentate al punto Assistenza del terminal almeno 2 ore prima della partenza.",
      "Grazie davvero",
      "Si figuri, buon viaggio alla signora.",
    ],
  },
  {
    id: "it-rimborso-posto",
    lang: "it",
    team: "Payments",
    priority: "normal",
    lines: [
      "Buonasera, avevo pagato {amount} per il posto {seat} sul volo {flight} ma al gate mi hanno spostato in un'altra fila",
      "Buonasera {first}, sono {agent}. Mi dispiace per il cambio. Mi indica il codice di prenotazione?",
      "{pnr}",
      "Grazie. Il posto è stato riassegnato per un cambio di aeromobile, quindi le spetta il rimborso del supplemento: l'ho appena disposto.",
      "Arriva sulla carta?",
      "Sì, sulla stessa carta usata per l'acquisto, entro 7 giorni lavorativi.",
    ],
  },
  {
    id: "it-voucher",
    lang: "it",
    team: "Payments",
    priority: "normal",
    lines: [
      "Ciao, ho un voucher dell'anno scorso, come lo uso per prenotare?",
      "Buongiorno {first}, sono {agent}. Al momento del pagamento sul sito scelga \"Voucher\" e inserisca il codice. Me lo indica così verifico la validità?",
      "VZV-{voucher}",
      "Il voucher è valido fino al 31 dicembre e ha un credito residuo di {amount}. Si può usare anche per altri passeggeri.",
      "E se il biglietto costa meno?",
      "La differenza resta sul voucher per un prossimo acquisto. Le serve altro?",
      "No tutto chiaro, grazie!",
      "Buona giornata, {first}!",
    ],
  },
  {
    id: "it-bagaglio-danneggiato",
    lang: "it",
    team: "Bookings",
    priority: "normal",
    lines: [
      "La mia valigia è arrivata con una ruota rotta, volo {flight} di ieri",
      "Buongiorno {first}, sono {agent}, mi dispiace. Ha già aperto un rapporto PIR in aeroporto?",
      "No, ho visto il danno solo una volta a casa",
      "Nessun problema, ha 7 giorni di tempo. Mi mandi una foto della valigia, la carta d'imbarco e l'etichetta del bagaglio.",
      "Vi ho mandato tutto via email perché da qui non riesco ad allegare",
      "Ricevuto, grazie. Ho aperto la pratica {pir}: le proporremo riparazione o rimborso entro 10 giorni.",
    ],
  },

  // ---------------------------------------------------------------- English
  {
    id: "en-change-date",
    lang: "en",
    team: "Bookings",
    priority: "normal",
    lines: [
      "Hi, I need to move my flight from {from} to {to} on {date} to a later day. Booking ref {pnr}",
      "Hi {first}, this is {agent} from Volo Azzurro. I can see your booking {pnr}. Which day would you like to fly instead?",
      "Ideally two days later, any time after lunch",
      "There's a seat on {flight2} at 15:20 on {date2}. Your Classic fare allows changes, you'd only pay the fare difference of {amount}. Shall I go ahead?",
      "Yes please",
      "Done! Here's the payment link for the difference: {link} (valid for 24 hours).",
      "Paid, thanks",
      "Received, thank you. Your updated itinerary is on its way by email. Have a great trip!",
    ],
  },
  {
    id: "en-passport-check-in",
    lang: "en",
    team: "Bookings",
    priority: "high",
    lines: [
      "Hello, online check-in keeps saying my passport details are invalid. Flight {flight} tomorrow morning",
      "Hi {first}, {agent} here. Sorry about that! Could you send me your booking reference and the passport expiry date you entered?",
      "{pnr}, expiry 12/09/2031",
      "Thanks. The issuing country was saved as Italy instead of {country}. I've corrected it on our side, could you try again?",
      "That worked, thank you so much!",
      "Great! Your boarding pass should be in your inbox now. Safe travels ✈️",
    ],
  },
  {
    id: "en-cabin-bag",
    lang: "en",
    team: "Bookings",
    priority: "low",
    lines: [
      "Quick question: how much can I bring in the cabin on the Light fare?",
      "Hi {first}, {agent} here. The Light fare includes one personal item up to 40x30x20 cm that fits under the seat. A 10 kg trolley for the overhead bin is €15 per flight if you add it online.",
      "Can I add the trolley to booking {pnr}?",
      "Sure, here's the link: {link}. Once paid it will show on your boarding pass.",
      "Done 👍",
      "All set! Enjoy your flight.",
    ],
  },
  {
    id: "en-refund-cancelled",
    lang: "en",
    team: "Payments",
    priority: "normal",
    lines: [
      "My flight {flight} on {date} was cancelled. I don't want a voucher, I want my money back",
      "Hi {first}, I'm {agent} from the payments team. Sorry about the cancellation, you're entitled to a full refund. Could you confirm your booking reference?",
      "{pnr}",
      "Thanks. I've submitted a full refund of {amount} to the card used for the booking.",
      "How long will it take?",
      "Usually 7–10 business days, depending on your bank. You'll get a confirmation email shortly.",
      "OK thanks",
      "Thank you for your patience, and apologies again for the disruption.",
    ],
  },
  {
    id: "en-card-declined",
    lang: "en",
    team: "Payments",
    priority: "high",
    lines: [
      "Hi, you sent me a payment link for my seat upgrade but my card keeps getting declined",
      "Hi {first}, this is {agent}. Sorry about that. Some banks block online payments from abroad: do you get a confirmation prompt in your banking app?",
      "No prompt at all, it just says declined",
      "I've generated a new link that also accepts PayPal and Apple Pay: {link}",
      "Paid with Apple Pay, worked fine",
      "Perfect, payment received and seat {seat} is confirmed on {flight}. Have a nice trip!",
    ],
  },
  {
    id: "en-boarding-pass",
    lang: "en",
    team: "Bookings",
    priority: "normal",
    lines: [
      "The app crashes every time I open my boarding pass. I'm at the airport already 😩",
      "Hi {first}, {agent} here, let me help. What's your booking reference?",
      "{pnr}",
      "Thanks. I'm sending your boarding pass for {flight} here as a PDF right now: seat {seat}, boarding starts at {time}.",
      "Got it, thanks a lot!",
      "You're welcome! Our team is looking into the app issue. Have a good flight.",
    ],
  },
  {
    id: "en-delay-connection",
    lang: "en",
    team: "Bookings",
    priority: "urgent",
    lines: [
      "My flight {flight} from {from} is delayed by 2 hours, I'm going to miss my connection in Rome!",
      "Hi {first}, {agent} here, I'm on it. Can you confirm your booking reference?",
      "{pnr}, travelling with my partner",
      "Thanks. I've rebooked you both on the next connection to {to} at 19:05, seats together. New boarding passes are on their way by email.",
      "Will we get any compensation? We'll arrive really late",
      "If you arrive more than 3 hours late you can claim compensation under EU Regulation 261/2004. You can file the claim here: https://voloazzurro.it/en/claims",
      "And food at the airport?",
      "At the transfer desk in Fiumicino they'll give you two €15 meal vouchers each, just show your boarding pass.",
      "Thank you",
      "Sorry again for the disruption, {first}. Have a safe trip.",
    ],
  },
  {
    id: "en-family-seats",
    lang: "en",
    team: "Bookings",
    priority: "low",
    lines: [
      "Hi! Can we choose seats together for our family of four? Two kids, 5 and 9",
      "Hi {first}, this is {agent}. Children under 12 are always seated next to an adult on the same booking, free of charge. What's your booking reference?",
      "{pnr}",
      "Done: you're in row {row}, seats A, B and C together, and D just across the aisle.",
      "Amazing, thank you!",
      "My pleasure. Have a lovely holiday!",
    ],
  },
  {
    id: "en-damaged-bag",
    lang: "en",
    team: "Bookings",
    priority: "normal",
    lines: [
      "My suitcase came off flight {flight} with a broken handle and a big crack",
      "Hi {first}, {agent} here, sorry to hear that. Did you file a damage report (PIR) at the airport?",
      "Yes, reference {pir}",
      "Thanks. Could you send a photo of the suitcase and the receipt if you still have it? We'll offer a repair or a replacement.",
      "Sent the photos to your email, the bag was about 120 euros",
      "Got them. I've forwarded claim {pir} to our baggage team, you'll hear back within 10 days.",
    ],
  },
  {
    id: "en-golf-bag",
    lang: "en",
    team: "Bookings",
    priority: "low",
    lines: [
      "Hello, I'm flying to {to} on {date} with my golf clubs. How do I add them?",
      "Hi {first}, {agent} here. Golf bags up to 23 kg travel as sports equipment for €40 per flight. Shall I add it to your booking?",
      "Yes, booking {pnr}",
      "Here's the payment link: {link}",
      "Paid",
      "Confirmed! Please drop the golf bag at the oversize baggage counter. Enjoy your round ⛳",
    ],
  },
  {
    id: "en-invoice",
    lang: "en",
    team: "Payments",
    priority: "low",
    lines: [
      "Hi, could I get a VAT invoice for booking {pnr}? It's for my company",
      "Hi {first}, I'm {agent}. Sure, please send me the company name, address and VAT number.",
      "{last} & Partners, 14 Market Street, VAT number {vat}",
      "Thanks, the invoice will be emailed to you within 48 hours.",
      "Great, thanks",
      "You're welcome, have a nice day!",
    ],
  },
];

/** A first message before the real question, for conversations nobody has picked up yet. */
export const GREETINGS: Record<Lang, readonly string[]> = {
  it: ["Salve 👋", "Ciao, posso farvi una domanda?", "Mi serve aiuto per favore"],
  en: ["Hi 👋", "Hello, can someone help me?", "Hi there, quick question"],
};

/** What a customer adds when nobody answers. */
export const NUDGES: Record<Lang, readonly string[]> = {
  it: ["Ci siete?", "Scusate, qualcuno può rispondermi? È urgente", "Salve?? Aspetto da un po'"],
  en: ["Hello?", "Anyone there? It's quite urgent", "Hi, any update on this?"],
};

/** An agent's follow-up sent after the 24-hour window closed: WhatsApp rejects it (131047). */
export const FOLLOW_UPS: Record<Lang, readonly string[]> = {
  it: [
    "Buongiorno {first}, ha avuto modo di controllare? Resto in attesa per completare la richiesta.",
    "Buongiorno {first}, le scrivo per sapere se ha ancora bisogno di aiuto con la prenotazione {pnr}.",
  ],
  en: [
    "Hi {first}, just following up: do you still need help with booking {pnr}?",
    "Hi {first}, checking in on this, let me know if there's anything else I can do.",
  ],
};

export const REENGAGEMENT_ERROR = {
  code: 131047,
  title: "Re-engagement message",
  message: "More than 24 hours have passed since the customer last replied.",
} as const;
