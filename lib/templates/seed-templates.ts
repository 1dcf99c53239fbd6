import { placeholdersOf, type TemplateComponent, type TemplateDefinition } from "./model";

// The approved templates a new demo workspace starts with, and the fake Graph API's initial store:
// one source, so what the composer offers is exactly what "Meta" accepts. Airline copy in English
// (en_US) and Italian (it), NAMED parameters so the composer can fill them by name from the
// booking and the contact. Pure data: the demo seed, the fake and the tests import it.

export type SeedTemplate = TemplateDefinition & {
  /** Meta's template id (stable, so webhooks for seeded templates find their row). */
  metaId: string;
  status: "APPROVED";
  qualityScore: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  /** Team names (the demo's teams) whose agents may use it; absent = everyone. */
  teams?: readonly string[];
};

/** Example values for every named parameter the seed uses (Meta requires one per parameter). */
export const EXAMPLE_VALUES: Record<string, string> = {
  first_name: "Giulia",
  last_name: "Romano",
  pnr: "X7K2QM",
  flight: "AZ 1284",
  origin: "Rome Fiumicino (FCO)",
  destination: "Milan Linate (LIN)",
  departure_date: "Tue 24 Nov",
  departure_time: "07:40",
  boarding_time: "07:05",
  gate: "B14",
  seat: "12A",
  terminal: "1",
  zone: "2",
  amount: "€ 89.00",
  due_date: "26 Nov 2026",
  reason: "an operational change",
};

const EXAMPLE_VALUES_IT: Record<string, string> = {
  ...EXAMPLE_VALUES,
  origin: "Roma Fiumicino (FCO)",
  destination: "Milano Linate (LIN)",
  departure_date: "mar 24 nov",
  amount: "89,00 €",
  due_date: "26 nov 2026",
  reason: "una modifica operativa",
};

const examplesFor = (text: string, values: Record<string, string>) => placeholdersOf(text).map((param_name) => ({ param_name, example: values[param_name] ?? param_name }));

/** A NAMED body with its `body_text_named_params` examples. */
function body(text: string, values: Record<string, string>): TemplateComponent {
  const params = examplesFor(text, values);
  return params.length ? { type: "BODY", text, example: { body_text_named_params: params } } : { type: "BODY", text };
}

const header = (text: string): TemplateComponent => ({ type: "HEADER", format: "TEXT", text });
const footer = (text: string): TemplateComponent => ({ type: "FOOTER", text });
const quickReplies = (...texts: string[]): TemplateComponent => ({ type: "BUTTONS", buttons: texts.map((text) => ({ type: "QUICK_REPLY" as const, text })) });
const urlButton = (text: string, base: string, example: string): TemplateComponent => ({
  type: "BUTTONS",
  buttons: [{ type: "URL", text, url: `${base}{{1}}`, example: [`${base}${example}`] }],
});

const CHECKIN_URL = "https://www.voloazzurro.example/checkin/";
const PAY_URL = "https://pay.voloazzurro.example/p/";
const PASS_EXAMPLE = "https://www.voloazzurro.example/samples/boarding-pass.pdf";

const utility = (name: string, language: "en_US" | "it", metaId: string, components: TemplateComponent[], extra: Partial<SeedTemplate> = {}): SeedTemplate => ({
  name,
  language,
  category: "UTILITY",
  parameterFormat: "NAMED",
  components,
  metaId,
  status: "APPROVED",
  qualityScore: "GREEN",
  ...extra,
});

const EN = EXAMPLE_VALUES;
const IT = EXAMPLE_VALUES_IT;

export const SEED_TEMPLATES: readonly SeedTemplate[] = [
  {
    name: "hello_world",
    language: "en_US",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    metaId: "1689556908129800",
    status: "APPROVED",
    qualityScore: "GREEN",
    components: [
      header("Hello World"),
      { type: "BODY", text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta." },
      footer("WhatsApp Business Platform sample message"),
    ],
  },

  utility("booking_confirmation", "en_US", "1689556908129832", [
    header("Your booking is confirmed"),
    body(
      "Hi {{first_name}}, thank you for flying with Volo Azzurro.\n\nYour booking *{{pnr}}* is confirmed:\n✈️ Flight *{{flight}}*, {{origin}} → {{destination}}\n📅 {{departure_date}} at {{departure_time}}\n\nOnline check-in opens 24 hours before departure. Reply here if you need anything.",
      EN,
    ),
    footer("Volo Azzurro · Customer care"),
    quickReplies("Manage my booking", "Talk to an agent"),
  ]),
  utility("booking_confirmation", "it", "1689556908129834", [
    header("La tua prenotazione è confermata"),
    body(
      "Ciao {{first_name}}, grazie per aver scelto Volo Azzurro.\n\nLa tua prenotazione *{{pnr}}* è confermata:\n✈️ Volo *{{flight}}*, {{origin}} → {{destination}}\n📅 {{departure_date}} alle {{departure_time}}\n\nIl check-in online apre 24 ore prima della partenza. Scrivici qui per qualsiasi necessità.",
      IT,
    ),
    footer("Volo Azzurro · Assistenza clienti"),
    quickReplies("Gestisci prenotazione", "Parla con un operatore"),
  ]),

  utility("checkin_open", "en_US", "1689556908129836", [
    header("Check-in is open"),
    body(
      "Hi {{first_name}}, online check-in for flight *{{flight}}* from {{origin}} to {{destination}} on {{departure_date}} is now open.\n\nCheck in now to choose your seat and get your boarding pass. Check-in closes 40 minutes before departure.",
      EN,
    ),
    footer("Volo Azzurro"),
    urlButton("Check in now", CHECKIN_URL, EXAMPLE_VALUES.pnr!),
  ]),
  utility("checkin_open", "it", "1689556908129837", [
    header("Il check-in è aperto"),
    body(
      "Ciao {{first_name}}, il check-in online per il volo *{{flight}}* da {{origin}} a {{destination}} del {{departure_date}} è aperto.\n\nFai il check-in ora per scegliere il posto e ricevere la carta d'imbarco. Il check-in chiude 40 minuti prima della partenza.",
      IT,
    ),
    footer("Volo Azzurro"),
    urlButton("Fai il check-in", CHECKIN_URL, EXAMPLE_VALUES.pnr!),
  ]),

  utility("checkin_details", "en_US", "1689556908129833", [
    header("Your flight details"),
    body(
      "Hi {{first_name}}, you are checked in for flight *{{flight}}* to {{destination}} on {{departure_date}}.\n\n🛫 Terminal {{terminal}}, gate *{{gate}}*\n🕒 Boarding from *{{boarding_time}}*, zone {{zone}}\n💺 Seat *{{seat}}*\n🧳 Bag drop closes 45 minutes before departure at the Volo Azzurro desks.\n\nHave a good flight!",
      EN,
    ),
    footer("Gates may change: check the airport screens."),
  ]),
  utility("checkin_details", "it", "1689556908129835", [
    header("I dettagli del tuo volo"),
    body(
      "Ciao {{first_name}}, hai fatto il check-in per il volo *{{flight}}* per {{destination}} del {{departure_date}}.\n\n🛫 Terminal {{terminal}}, gate *{{gate}}*\n🕒 Imbarco dalle *{{boarding_time}}*, zona {{zone}}\n💺 Posto *{{seat}}*\n🧳 Il deposito bagagli chiude 45 minuti prima della partenza ai banchi Volo Azzurro.\n\nBuon viaggio!",
      IT,
    ),
    footer("Il gate può cambiare: controlla i monitor."),
  ]),

  utility("boarding_pass", "en_US", "1689556908129838", [
    { type: "HEADER", format: "DOCUMENT", example: { header_handle: [PASS_EXAMPLE] } },
    body(
      "Hi {{first_name}}, your boarding pass for flight *{{flight}}* from {{origin}} to {{destination}} on {{departure_date}} is attached.\n\nSeat *{{seat}}* · Gate *{{gate}}* · Boarding *{{boarding_time}}*\n\nShow it at security and at the gate, on your phone or printed.",
      EN,
    ),
    footer("Volo Azzurro"),
  ]),
  utility("boarding_pass", "it", "1689556908129839", [
    { type: "HEADER", format: "DOCUMENT", example: { header_handle: [PASS_EXAMPLE] } },
    body(
      "Ciao {{first_name}}, in allegato la carta d'imbarco per il volo *{{flight}}* da {{origin}} a {{destination}} del {{departure_date}}.\n\nPosto *{{seat}}* · Gate *{{gate}}* · Imbarco *{{boarding_time}}*\n\nMostrala ai controlli di sicurezza e al gate, sul telefono o stampata.",
      IT,
    ),
    footer("Volo Azzurro"),
  ]),

  utility("flight_change_notice", "en_US", "1689556908129840", [
    header("Your flight has changed"),
    body(
      "Hi {{first_name}}, flight *{{flight}}* from {{origin}} to {{destination}} in booking {{pnr}} has changed because of {{reason}}.\n\nNew departure: *{{departure_date}} at {{departure_time}}*.\n\nYour booking stays valid. If the new time does not suit you, reply here and we will rebook or refund you.",
      EN,
    ),
    footer("We are sorry for the inconvenience."),
    quickReplies("Accept the change", "Talk to an agent"),
  ]),
  utility("flight_change_notice", "it", "1689556908129841", [
    header("Il tuo volo è cambiato"),
    body(
      "Ciao {{first_name}}, il volo *{{flight}}* da {{origin}} a {{destination}} della prenotazione {{pnr}} è cambiato per {{reason}}.\n\nNuova partenza: *{{departure_date}} alle {{departure_time}}*.\n\nLa prenotazione resta valida. Se il nuovo orario non ti va bene, rispondi qui e ti proporremo un altro volo o il rimborso.",
      IT,
    ),
    footer("Ci scusiamo per il disagio."),
    quickReplies("Accetto la modifica", "Parla con un operatore"),
  ]),

  utility(
    "payment_request",
    "en_US",
    "1689556908129842",
    [
      header("Payment request"),
      body("Hi {{first_name}}, to complete booking *{{pnr}}* please pay *{{amount}}* by {{due_date}}.\n\nThe link below is secure and personal to you. Questions? Just reply here.", EN),
      footer("Volo Azzurro · Payments"),
      urlButton("Pay now", PAY_URL, "7f3c9a1e5b"),
    ],
    { teams: ["Payments"] },
  ),
  utility(
    "payment_request",
    "it",
    "1689556908129843",
    [
      header("Richiesta di pagamento"),
      body("Ciao {{first_name}}, per completare la prenotazione *{{pnr}}* ti chiediamo di pagare *{{amount}}* entro il {{due_date}}.\n\nIl link qui sotto è sicuro e personale. Domande? Rispondi pure qui.", IT),
      footer("Volo Azzurro · Pagamenti"),
      urlButton("Paga ora", PAY_URL, "7f3c9a1e5b"),
    ],
    { teams: ["Payments"] },
  ),

  // Asked on resolve (workspaces.csat_enabled): a template, so it arrives outside the 24-hour
  // window too. UTILITY: feedback on the customer's own, just-finished conversation, nothing
  // promotional. The send gives each quick reply a payload `csat:<conversationId>:<5|3|1>`.
  utility("rating_request", "en_US", "1689556908129844", [
    body("How did we do, {{first_name}}? Tap to rate your conversation with Volo Azzurro.", EN),
    footer("Volo Azzurro · Customer care"),
    quickReplies("Good", "Okay", "Poor"),
  ]),
  utility("rating_request", "it", "1689556908129845", [
    body("Com'è andata, {{first_name}}? Tocca un pulsante per valutare la tua conversazione con Volo Azzurro.", IT),
    footer("Volo Azzurro · Assistenza clienti"),
    quickReplies("Ottimo", "Nella media", "Scarso"),
  ]),
];
