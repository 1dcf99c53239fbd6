import type { InboxFilters } from "./inbox-filters";

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
  templates: {
    root: ["templates"] as const,
    usable: () => ["templates", "usable"] as const,
    all: () => ["templates", "all"] as const,
    detail: (id: string) => ["templates", "detail", id] as const,
  },
  conversations: {
    all: ["conversations"] as const,
    lists: () => ["conversations", "list"] as const,
    list: (filters: InboxFilters) => ["conversations", "list", { view: filters.view, status: filters.status, team: filters.team }] as const,
    counts: () => ["conversations", "counts"] as const,
    details: () => ["conversations", "detail"] as const,
    detail: (id: string) => ["conversations", "detail", id] as const,
  },
  messages: {
    all: ["messages"] as const,
    list: (conversationId: string) => ["messages", conversationId] as const,
  },
  bookings: {
    all: ["bookings"] as const,
    ofConversation: (conversationId: string) => ["bookings", "conversation", conversationId] as const,
    ofContact: (contactId: string) => ["bookings", "contact", contactId] as const,
    detail: (id: string) => ["bookings", "detail", id] as const,
  },
};
