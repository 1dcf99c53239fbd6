// WhatsApp Cloud API error codes → words an agent can act on. Used for `failed` statuses and
// synchronous send errors alike (see shared/notes/whatsapp-cloud-api.md).

const TEXTS: Record<string, string> = {
  "131047": "More than 24 hours since the customer last wrote — send a template instead.",
  "131026": "WhatsApp could not deliver this message: the number may not be on WhatsApp, or the customer's app is out of date.",
  "130429": "WhatsApp's sending limit for this number was reached. Try again in a moment.",
  "131056": "Too many messages to this customer in a short time. Wait a little, then try again.",
  "131048": "WhatsApp is limiting this number because recent messages were reported as spam. Try again later and check message quality.",
  "131008": "The message is missing a required part. Please contact support if this keeps happening.",
  "131009": "Part of the message is not valid. Please check it and try again, or contact support.",
  "131051": "This message type is not supported by WhatsApp.",
  "131053": "The attached file could not be uploaded to WhatsApp. Try a different file or format.",
  "131052": "The customer's attachment could not be downloaded.",
  "131049": "WhatsApp did not deliver this marketing message to keep the customer's experience healthy. Try again later.",
  "131050": "The customer has stopped receiving marketing messages from this business.",
  "131000": "Something went wrong on WhatsApp's side. Try again.",
  "131016": "WhatsApp is temporarily unavailable. The message can be retried later.",
  "131021": "The recipient is this business's own number.",
  "131031": "The WhatsApp Business account is locked. An admin must check it in Meta Business Manager.",
  "131042": "The WhatsApp account has a payment problem. An admin must check billing in Meta Business Manager.",
  "131045": "The business phone number is not registered correctly. An admin must check the channel setup.",
  "132000": "The template's parameters do not match what it expects (wrong number of values).",
  "132001": "This template does not exist or is not approved in the customer's language.",
  "132005": "The template text is too long once its values are filled in.",
  "132007": "The template's content breaks WhatsApp's policy.",
  "132012": "A template value has the wrong format.",
  "132015": "This template is paused because of low quality. Choose another template.",
  "132016": "This template has been disabled by WhatsApp. Choose another template.",
  "133010": "The business phone number is not registered with WhatsApp. An admin must finish the channel setup.",
  "190": "The WhatsApp access token has expired. An admin must reconnect the channel.",
  "368": "The business account is temporarily blocked for policy violations.",
  "470": "More than 24 hours since the customer last wrote — send a template instead.",
};

/** An agent-friendly explanation of a WhatsApp error code (falls back to Meta's own words). */
export function explainWhatsAppError(code: number | string | undefined | null, fallback?: string | null): string {
  const text = code === undefined || code === null ? undefined : TEXTS[String(code).trim()];
  if (text) return text;
  const meta = fallback?.trim();
  return meta ? `WhatsApp could not deliver this message: ${meta}` : "WhatsApp could not deliver this message.";
}

/** Whether resending the same message later can succeed (rate limits, WhatsApp outages). */
export function isTransientWhatsAppError(code: number | string | undefined | null): boolean {
  return ["130429", "131056", "131000", "131016"].includes(String(code ?? ""));
}
