// What the month of history says: short, believable exchanges in the customer's language. The
// report figures only need their times; a lead who opens one still reads a real conversation.

export type HistoryLang = "it" | "en";

export const HISTORY_LINES: Record<HistoryLang, { open: string[]; answer: string[]; follow: string[]; close: string[]; thanks: string[] }> = {
  it: {
    open: [
      "Buongiorno, posso aggiungere un bagaglio da stiva alla mia prenotazione?",
      "Salve, il mio volo di domani risulta in ritardo?",
      "Ciao, non mi è arrivata la carta d'imbarco via email",
      "Buonasera, vorrei cambiare il nome di un passeggero",
      "Devo viaggiare con il mio cane, come funziona?",
      "Ho pagato due volte la stessa prenotazione, potete verificare?",
      "È possibile scegliere il posto vicino al finestrino?",
      "Vorrei la fattura per il mio ultimo volo",
    ],
    answer: [
      "Buongiorno, certo! Mi indica il codice di prenotazione?",
      "Ciao, controllo subito. Mi scrive il codice di prenotazione e il cognome?",
      "Salve, verifico per lei. Qual è il codice della prenotazione?",
    ],
    follow: ["Il codice è {pnr}", "Ecco: {pnr}, cognome come sul passaporto", "{pnr}, grazie"],
    close: [
      "Fatto, ho aggiornato la prenotazione {pnr}: riceverà la conferma via email.",
      "Tutto sistemato. Le ho inviato di nuovo i documenti all'indirizzo della prenotazione.",
      "Ho verificato: il volo è in orario. Buon viaggio!",
    ],
    thanks: ["Grazie mille!", "Perfetto, grazie", "Gentilissimi 🙏"],
  },
  en: {
    open: [
      "Hi, can I add a checked bag to my booking?",
      "Hello, is tomorrow's flight delayed?",
      "I never received my boarding pass by email",
      "I need to correct a passenger's name on my booking",
      "Can I bring my dog on board?",
      "I was charged twice for the same booking, can you check?",
      "Is it possible to pick a window seat?",
      "Could I get an invoice for my last flight?",
    ],
    answer: ["Hi, of course! What's your booking code?", "Hello, let me check. Could you send me the booking code and surname?"],
    follow: ["It's {pnr}", "Booking {pnr}, surname as on the passport"],
    close: ["Done: booking {pnr} is updated and the confirmation is on its way by email.", "All sorted, I've sent the documents again to the booking's email address."],
    thanks: ["Thanks a lot!", "Perfect, thank you", "Great, cheers"],
  },
};

/** Conversations a day by weekday (Monday first), before scaling down for the days the main seed already fills. */
export const PER_WEEKDAY = [10, 9, 9, 8, 9, 5, 4];

/** Relative weight of each local hour of the day for a customer's first message. */
export const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 2, 5, 9, 10, 9, 7, 6, 8, 9, 8, 7, 6, 5, 5, 4, 2, 1];

/** CSAT ratings 1–5, as weights. */
export const RATING_WEIGHTS = [3, 4, 10, 28, 55];
