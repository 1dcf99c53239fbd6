export { createFakeGraph, type FakeGraph, type FakeGraphOptions } from "@/lib/fake-whatsapp/fake-graph";
export type { Fault, SentRecord, FakeCustomer, Delivery, Clock, FetchLike } from "@/lib/fake-whatsapp/engine";
export { BUILT_IN_TEMPLATES, builtInTemplates, type FakeTemplate, type StoredTemplate } from "@/lib/fake-whatsapp/templates";
export type { CustomerMessageInput } from "@/lib/fake-whatsapp/customer-messages";
export { metaJson, signedWebhook } from "@/lib/fake-whatsapp/notifications";
