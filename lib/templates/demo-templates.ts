// The demo workspace's approved WhatsApp templates: what the composer offers until templates are
// synced from Meta (GET /{waba-id}/message_templates), and what the demo's fake Graph API accepts.

export type ApprovedTemplate = {
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  status: "APPROVED" | "PAUSED" | "DISABLED";
  header?: { format: "TEXT" | "IMAGE" | "DOCUMENT"; text?: string };
  body: string;
  footer?: string;
  buttons?: { type: "QUICK_REPLY" | "URL"; text: string; url?: string }[];
};

export const DEMO_TEMPLATES: ApprovedTemplate[] = [
  { name: "hello_world", language: "en_US", category: "UTILITY", status: "APPROVED", header: { format: "TEXT", text: "Hello World" }, body: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.", footer: "WhatsApp Business Platform sample message" },
  { name: "booking_confirmation", language: "en_US", category: "UTILITY", status: "APPROVED", body: "Hi {{1}}, your booking {{2}} is confirmed for {{3}}. Reply here if you need anything.", buttons: [{ type: "QUICK_REPLY", text: "Talk to an agent" }] },
  { name: "booking_confirmation", language: "it", category: "UTILITY", status: "APPROVED", body: "Ciao {{1}}, la tua prenotazione {{2}} è confermata per {{3}}. Scrivici qui per qualsiasi necessità.", buttons: [{ type: "QUICK_REPLY", text: "Parla con un operatore" }] },
  { name: "checkin_details", language: "en_US", category: "UTILITY", status: "APPROVED", header: { format: "DOCUMENT" }, body: "Hi {{1}}, check-in for flight {{2}} is open. Your documents are attached.", buttons: [{ type: "URL", text: "Manage booking", url: "https://example.com/booking/{{1}}" }] },
  { name: "boarding_pass", language: "en_US", category: "UTILITY", status: "APPROVED", header: { format: "IMAGE" }, body: "{{1}}, here is your boarding pass for {{2}}, seat {{3}}. Boarding closes at {{4}}." },
  { name: "payment_request", language: "en_US", category: "UTILITY", status: "APPROVED", body: "Hi {{1}}, please pay {{2}} for booking {{3}} before {{4}}.", buttons: [{ type: "URL", text: "Pay now", url: "https://example.com/pay/{{1}}" }] },
];
