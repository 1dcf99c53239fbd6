// Import boundaries that keep the shape of the code: app → components → lib/client → lib/<domain>
// → lib/db. Each lib folder has a layer; a folder may import only folders of a LOWER layer (never
// its own layer, so folder cycles cannot form). Type-only imports are free for the client side
// (they vanish at build time) but count inside lib, where a type import still couples two domains.

/** lib folder → layer. A new folder must be added here (the rule reports one that is not). */
export const LAYERS = {
  env: 0,
  errors: 0,
  content: 0,
  db: 1,
  auth: 2,
  audit: 2,
  realtime: 3,
  jobs: 3,
  http: 3,
  whatsapp: 4,
  // Per-user notices (assigned, @mention): written inside the transaction of whatever caused them,
  // so conversations (5), messages (7) and assignment can all call it.
  notifications: 4,
  // Workspace settings and team rules (only the assignee replies), read by the send path.
  workspace: 4,
  channels: 5,
  conversations: 5,
  bookings: 5,
  templates: 6,
  snippets: 6,
  "boarding-pass": 6,
  users: 6,
  search: 6,
  labels: 6,
  // Who has a thread open and who is typing in it: lib/live hydrates it, lib/messages forwards typing.
  presence: 6,
  // Below messages (7): the message that carries a request to the customer is sent by
  // lib/messages/payment-request-reply.ts, which calls into payments, never the other way.
  payments: 6,
  // Read-only figures over conversations, messages and payments: imports only db and errors.
  reports: 6,
  // Auto-assignment and the team queues: above conversations (it changes them through their
  // rules and writes their thread events), below ingest, which routes new conversations.
  assignment: 6,
  messages: 7,
  ingest: 8,
  "fake-whatsapp": 8,
  live: 8,
  demo: 9,
  background: 10,
  // Test helpers build whole worlds: they may use any folder, and nothing but tests uses them.
  testing: 11,
};

const SERVER_ONLY_FOR_UI = /^@\/lib\/(db|http|jobs|background|ingest|demo|testing)(\/|$)/;

function folderOf(path) {
  const m = /(?:^|\/)lib\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

function targetFolder(source) {
  const m = /^@\/lib\/([^/]+)/.exec(source);
  return m ? m[1] : null;
}

function zoneOf(filename) {
  const f = filename.replace(/\\/g, "/");
  const rel = f.slice(f.lastIndexOf("/work/") >= 0 ? 0 : 0);
  if (/\/lib\/client\//.test(rel)) return { kind: "client" };
  const folder = /\/lib\//.test(rel) ? folderOf(rel.slice(rel.lastIndexOf("/lib/") + 1)) : null;
  if (folder) return { kind: "lib", folder };
  if (/\/components\//.test(rel)) return { kind: "components" };
  if (/\/app\//.test(rel)) return { kind: "app" };
  return { kind: "other" };
}

const layers = {
  meta: {
    type: "problem",
    docs: { description: "Keep lib folders layered (no folder cycles), the database inside lib, and server code out of the UI." },
    schema: [],
  },
  create(context) {
    const zone = zoneOf(context.filename ?? context.getFilename());
    const isTest = /\.test\.tsx?$/.test(context.filename ?? "");
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value);
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        const report = (message) => context.report({ node: node.source, message });

        if (source === "drizzle-orm" || source.startsWith("drizzle-orm/") || source === "pg" || source.startsWith("@electric-sql/pglite")) {
          if (zone.kind !== "lib" && zone.kind !== "other") report(`Only lib/** talks to the database; call a domain function instead of importing ${source}.`);
          return;
        }
        if (source.startsWith("@/lib/db/schema") && zone.kind !== "lib" && zone.kind !== "other") {
          report("Only lib/** reads the schema; call a domain function.");
          return;
        }
        if (zone.kind === "lib" && (source.startsWith("@/app/") || source.startsWith("@/components/"))) {
          report("lib/** must not import from app/ or components/.");
          return;
        }
        if (zone.kind === "components" || zone.kind === "client") {
          if (typeOnly) return;
          if (zone.kind === "components" && source.startsWith("@/app/")) report("components/** must not import from app/.");
          if (SERVER_ONLY_FOR_UI.test(source)) report(`${source} is server code; the UI talks to it through lib/client and the API.`);
          return;
        }
        if (zone.kind !== "lib" || isTest) return;
        const from = zone.folder;
        const to = targetFolder(source);
        if (!to || to === from || to === "client") {
          if (to === "client") report("lib/<domain> must not import lib/client (browser code).");
          return;
        }
        const a = LAYERS[from];
        const b = LAYERS[to];
        if (a === undefined) return report(`lib/${from} has no layer: add it to eslint-rules/boundaries.mjs.`);
        if (b === undefined) return report(`lib/${to} has no layer: add it to eslint-rules/boundaries.mjs.`);
        if (b >= a) report(`lib/${from} (layer ${a}) must not import lib/${to} (layer ${b}): a folder imports only lower layers.`);
      },
    };
  },
};

const plugin = { rules: { layers } };
export default plugin;
