import type { InboxFilters } from "./inbox-filters";
import type { PaymentFilters } from "./payment-filters";
import type { ReportParams } from "./report-params";

/**
 * Every cache key in one place. Keys are arrays from general to specific so a prefix
 * (e.g. `conversations.lists()`) invalidates a whole family.
 */
export const queryKeys = {
  me: ["me"] as const,
  teammates: ["teammates"] as const,
  teams: ["teams"] as const,
  /** The lead's view (GET /api/team): refetched when anything it shows changes. */
  teamView: ["team-view"] as const,
  channels: ["channels"] as const,
  snippets: ["snippets"] as const,
  labels: ["labels"] as const,
  search: (params: string) => ["search", params] as const,
  templates: {
    root: ["templates"] as const,
    usable: () => ["templates", "usable"] as const,
    all: () => ["templates", "all"] as const,
    detail: (id: string) => ["templates", "detail", id] as const,
  },
  conversations: {
    all: ["conversations"] as const,
    lists: () => ["conversations", "list"] as const,
    list: (filters: InboxFilters) => ["conversations", "list", { view: filters.view, status: filters.status, team: filters.team, label: filters.label ?? null }] as const,
    counts: () => ["conversations", "counts"] as const,
    details: () => ["conversations", "detail"] as const,
    detail: (id: string) => ["conversations", "detail", id] as const,
  },
  messages: {
    all: ["messages"] as const,
    list: (conversationId: string) => ["messages", conversationId] as const,
  },
  payments: {
    all: ["payments"] as const,
    lists: () => ["payments", "list"] as const,
    list: (filters: PaymentFilters) => ["payments", "list", filters] as const,
    details: () => ["payments", "detail"] as const,
    detail: (id: string) => ["payments", "detail", id] as const,
    waitingRefunds: () => ["payments", "refunds", "waiting"] as const,
  },
  reports: {
    all: ["reports"] as const,
    detail: (p: ReportParams) => ["reports", { from: p.from, to: p.to, team: p.team ?? null, agent: p.agent ?? null }] as const,
  },
  /** Who has a thread open and who is typing in it (patched by `viewers.updated` notices). */
  viewers: (conversationId: string) => ["viewers", conversationId] as const,
  notifications: {
    all: ["notifications"] as const,
    list: () => ["notifications", "list"] as const,
  },
  bookings: {
    all: ["bookings"] as const,
    ofConversation: (conversationId: string) => ["bookings", "conversation", conversationId] as const,
    ofContact: (contactId: string) => ["bookings", "contact", contactId] as const,
    detail: (id: string) => ["bookings", "detail", id] as const,
  },
};
