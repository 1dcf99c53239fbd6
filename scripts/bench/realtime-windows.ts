// Two real Chromium windows for bench:realtime, signed in as two agents on the same conversation.
// Window 1 sends through the composer; window 2 notes, in the page, when the reply's text enters
// its message log. Both timestamps are Date.now() on the same machine.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BENCH_HEADER } from "./realtime-tabs";
import { CHROMIUM_ARGS, chromiumPath } from "../../e2e/chromium";


export type Windows = {
  /** Sends `text` from window 1: send → in window 2's log, and send → its event reached window 2, in ms (null: not within the timeout). */
  send(text: string, timeoutMs: number): Promise<{ visible: number; event: number | null } | null>;
  close(): Promise<void>;
};

async function signInPage(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
}

async function openWindow(browser: Browser, baseUrl: string, tag: string, email: string, password: string, conversationId: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, extraHTTPHeaders: { [BENCH_HEADER]: tag } });
  // Stamps when each live event reaches the page, before the app handles it (to split send → visible).
  await ctx.addInitScript(`
    window.__benchFrameAt = {};
    window.__benchFrameWatch = new Set();
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(...args) {
        super(...args);
        for (const type of ["live", "change"]) this.addEventListener(type, (e) => {
          const now = Date.now();
          for (const token of window.__benchFrameWatch) if (e.data.includes(token)) { window.__benchFrameAt[token] = now; window.__benchFrameWatch.delete(token); }
        });
      }
    };
  `);
  const page = await ctx.newPage();
  await signInPage(page, email, password);
  await page.goto(`/inbox/${conversationId}?view=all`);
  await page.getByRole("log", { name: "Messages" }).waitFor();
  await page.getByRole("textbox", { name: "Reply" }).waitFor();
  return { ctx, page };
}

export async function openWindows(opts: { baseUrl: string; conversationId: string; users: [string, string]; password: string }): Promise<Windows> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const w1 = await openWindow(browser, opts.baseUrl, "w1", opts.users[0], opts.password, opts.conversationId);
    const w2 = await openWindow(browser, opts.baseUrl, "w2", opts.users[1], opts.password, opts.conversationId);

    // In-page scripts are strings: tsx would wrap named functions in a helper the page lacks.
    // Window 1: the send moment is the Enter keydown, before the app's own handler runs.
    await w1.page.evaluate(`
      window.__benchSentAt = 0;
      document.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey) window.__benchSentAt = Date.now();
      }, true);
    `);
    // Window 2: a MutationObserver on the message log stamps each awaited text as it arrives.
    await w2.page.evaluate(`
      window.__benchWatch = new Set();
      window.__benchSeen = {};
      new MutationObserver(() => {
        if (window.__benchWatch.size === 0) return;
        const now = Date.now();
        // The log as it is now, whole: the thread may re-render or re-mount its log (a refetch, a
        // boundary), and a mutation then targets an ancestor of the log rather than a node in it.
        const log = document.querySelector('[role="log"][aria-label="Messages"]');
        const text = log ? log.textContent || "" : "";
        for (const token of window.__benchWatch) {
          if (text.includes(token)) {
            window.__benchSeen[token] = now;
            window.__benchWatch.delete(token);
          }
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    `);

    const box = w1.page.getByRole("textbox", { name: "Reply" });
    return {
      async send(text, timeoutMs) {
        const token = JSON.stringify(text);
        await w2.page.evaluate(`window.__benchWatch.add(${token}); window.__benchFrameWatch.add(${token})`);
        await box.fill(text);
        await w1.page.evaluate("window.__benchSentAt = 0");
        await box.press("Enter");
        const sentAt = Number(await w1.page.evaluate("window.__benchSentAt"));
        // Polled with evaluate, not waitForFunction: a string predicate there is eval'd in the page,
        // which the app's CSP (no 'unsafe-eval') refuses. The stamp itself comes from the observer.
        const until = Date.now() + timeoutMs;
        while (!(await w2.page.evaluate(`window.__benchSeen[${token}] !== undefined`))) {
          if (Date.now() > until) return null;
          await new Promise((r) => setTimeout(r, 50));
        }
        const seenAt = Number(await w2.page.evaluate(`window.__benchSeen[${token}]`));
        const eventAt = Number(await w2.page.evaluate(`window.__benchFrameAt[${token}] ?? NaN`));
        return { visible: seenAt - sentAt, event: Number.isFinite(eventAt) ? eventAt - sentAt : null };
      },
      async close() {
        await Promise.allSettled([w1.ctx.close(), w2.ctx.close()]);
        await browser.close();
      },
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
