export const ROLES = ["admin", "lead", "agent"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Role → actions. Route handlers name the action they need; nothing else decides access.
 * Keep this a plain table so reviewers can read the whole policy at a glance.
 */
export const PERMISSIONS = {
  "conversation:read": ["admin", "lead", "agent"],
  "conversation:reply": ["admin", "lead", "agent"],
  "conversation:update": ["admin", "lead", "agent"],
  // Taking a conversation for yourself is every agent's job; handing it to someone else is a lead's.
  "conversation:claim": ["admin", "lead", "agent"],
  "conversation:assign": ["admin", "lead"],
  "booking:read": ["admin", "lead", "agent"],
  // Bookings come from the airline's systems (or a lead fixing one by hand), never from an agent's chat.
  "booking:write": ["admin", "lead"],
  "template:read": ["admin", "lead", "agent"],
  "template:manage": ["admin", "lead"],
  "snippet:read": ["admin", "lead", "agent"],
  "snippet:manage": ["admin", "lead"],
  // Payment requests: every agent asks for, follows and cancels them; an agent's refund is a
  // request that a lead or admin approves (payment:approve_refund), a lead's goes straight through.
  "payment:read": ["admin", "lead", "agent"],
  "payment:create": ["admin", "lead", "agent"],
  "payment:cancel": ["admin", "lead", "agent"],
  "payment:refund": ["admin", "lead", "agent"],
  "payment:approve_refund": ["admin", "lead"],
  // The payments page: every request of the workspace, its totals and the CSV export.
  "payment:report": ["admin", "lead"],
  "team:read": ["admin", "lead", "agent"],
  // Auto-assignment, capacities, handing an agent's work back to the queue, workspace team rules.
  "team:manage": ["admin", "lead"],
  // Internal notes with @mentions: never sent to the customer.
  "conversation:note": ["admin", "lead", "agent"],
  "label:manage": ["admin", "lead"],
  "label:apply": ["admin", "lead", "agent"],
  "search:read": ["admin", "lead", "agent"],
  "notification:read": ["admin", "lead", "agent"],
  "user:read": ["admin", "lead", "agent"],
  "user:manage": ["admin"],
  "settings:read": ["admin", "lead"],
  "settings:manage": ["admin"],
  "report:read": ["admin", "lead"],
  // One's own preferences (the UI language): everyone's, about themselves only.
  "profile:update": ["admin", "lead", "agent"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
