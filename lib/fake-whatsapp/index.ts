export { createFakeGraph, type FakeGraph, type FakeGraphOptions } from "./fake-graph";
export type { Fault, SentRecord, FakeCustomer, Delivery, Clock, FetchLike } from "./engine";
export { BUILT_IN_TEMPLATES, type FakeTemplate } from "./templates";
export type { CustomerMessageInput } from "./customer-messages";
export { metaJson, signedWebhook } from "./notifications";
