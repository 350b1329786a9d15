// Live reload for `handbook serve`. The server adds this script (and
// overlay.css) to every page it serves; a built site never contains it.
// It listens on the live-reload channel (Server-Sent Events) and
//   - reloads the page when a new build changed it, keeping the scroll
//     position (a page the build left as it was stays, in another tab);
//   - swaps the stylesheets in place when only CSS changed;
//   - shows the build's errors over the page, file:line and message,
//     until a good build replaces them;
//   - lists, in a corner, the warnings the admin's saves brought;
//   - says so while the server cannot be reached (stopped, restarting),
//     and reconnects by itself.
// Everything is built with DOM calls and classes from overlay.css: the
// pages' Content Security Policy allows no inline script or style.

interface Problem {
  file: string;
  line?: number;
  col?: number;
  message: string;
  hint?: string;
  text: string;
}

interface Message {
  build?: string;
  errors?: Problem[];
  css?: string[];
  pages?: string[];
  moved?: Record<string, string>;
  warnings?: Problem[];
  draftless?: boolean;
}

const scrollKey = "handbook-serve:scroll";
// draftless: the server serves the published revisions without the
// working copy, which has not built yet (hello and problems say so).
let draftless = false;
const meta = document.querySelector<HTMLMetaElement>("meta[name='handbook-serve-build']");
let build = meta ? meta.content : "";
// The build's file this page is ("draft/a/index.html"); "" for a page that
// is not one (a 404), which reloads on every build.
const page = document.querySelector<HTMLMetaElement>("meta[name='handbook-serve-page']")?.content || "";

// unreached is the position this page was reloaded to keep but could not
// reach, being too short (a section deleted, an error page, the file
// half-saved), and where it ended up instead. Reloaded again while the
// reader has not scrolled since, the page keeps the position it was
// meant to have: deleting a section and undoing it brings the reader
// back where they were, not to the top.
let unreached: { x: number; y: number; atX: number; atY: number } | null = null;

// detailsByKey names each <details> of the page the same way from one
// build to the next: by its id, else its class and summary, with its
// place among those alike.
function detailsByKey(): Map<string, HTMLDetailsElement> {
  const out = new Map<string, HTMLDetailsElement>();
  const seen = new Map<string, number>();
  document.querySelectorAll("details").forEach((d) => {
    const summary = d.querySelector(":scope > summary")?.textContent?.trim() || "";
    const base = d.id ? "#" + d.id : d.className + "\u0000" + summary;
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    out.set(base + "\u0000" + n, d);
  });
  return out;
}

// keepPlace saves where the reader is for the page at path (decoded), to
// restore once it loads (restoreScroll).
function keepPlace(path: string): void {
  let x = scrollX;
  let y = scrollY;
  if (unreached && Math.abs(x - unreached.atX) < 2 && Math.abs(y - unreached.atY) < 2) {
    x = unreached.x;
    y = unreached.y;
  }
  try {
    // The <details> the admin opened or folded (the chapter's contents,
    // the rules table, the version menu) stay so: the page's scripts
    // fold some on load, and a save reopened the page as it first opens.
    const open: Record<string, boolean> = {};
    detailsByKey().forEach((d, k) => (open[k] = d.open));
    sessionStorage.setItem(scrollKey, JSON.stringify({ path, x, y, open }));
  } catch {
    /* storage disabled: reload without keeping the position */
  }
  // The position is this script's to restore: the browser's own
  // (turned back on once the page has loaded) would put it back to where
  // a page too short for it left it.
  history.scrollRestoration = "manual";
}

function reload(): void {
  keepPlace(decodeURIComponent(location.pathname));
  location.reload();
}

// follow opens the page this one became (its chapter's slug or file
// renamed): reloading the address it had gave a 404. from and to are build
// files ("draft/a/index.html"); the address keeps its site path before
// them and its #fragment, and the page its scroll position: the text is
// the same, only its address changed (it opened at the top).
function follow(from: string, to: string): void {
  const dir = (f: string) => f.replace(/index\.html$/, "");
  const path = decodeURIComponent(location.pathname);
  const at = path.lastIndexOf(dir(from));
  if (at < 0) return reload();
  const next = path.slice(0, at) + dir(to);
  keepPlace(next);
  location.assign(encodeURI(next) + location.hash);
}

function restoreScroll(): void {
  let saved: { path: string; x: number; y: number; open?: Record<string, boolean> } | null = null;
  try {
    const raw = sessionStorage.getItem(scrollKey);
    sessionStorage.removeItem(scrollKey);
    saved = raw ? JSON.parse(raw) : null;
  } catch {
    return;
  }
  if (!saved || saved.path !== decodeURIComponent(location.pathname)) return;
  const { x, y } = saved;
  const open = saved.open || {};
  // Before scrolling: an open <details> makes the page longer.
  const unfold = () =>
    detailsByKey().forEach((d, k) => {
      if (k in open && d.open !== open[k]) d.open = open[k];
    });
  unfold();
  history.scrollRestoration = "manual";
  // "instant": the theme may ask for smooth scrolling, which would animate
  // every reload from the top.
  const go = () => {
    window.scrollTo({ left: x, top: y, behavior: "instant" });
    unreached = Math.abs(scrollX - x) >= 2 || Math.abs(scrollY - y) >= 2 ? { x, y, atX: scrollX, atY: scrollY } : null;
  };
  go();
  // Once everything has laid out, once more (the page may have grown),
  // and the browser's own restoration back on: left off, F5 or going
  // back to this page later opened it at the top.
  window.addEventListener(
    "load",
    () => {
      go();
      // After the load event: Chrome restores its own position then.
      window.setTimeout(() => (history.scrollRestoration = "auto"), 0);
    },
    { once: true },
  );
}

// stem turns "/assets/main-3FJ2K1LQ.css" into "main".
function stem(href: string): string {
  const name = new URL(href, location.href).pathname.split("/").pop() || "";
  return name.replace(/-[A-Za-z0-9]+\.css$/, "").replace(/\.css$/, "");
}

// swapCSS points each stylesheet at its rebuilt file. The new link loads
// before the old one goes, so the page never shows unstyled.
function swapCSS(hrefs: string[]): boolean {
  const byStem = new Map(hrefs.map((h) => [stem(h), h] as [string, string]));
  let swapped = 0;
  document.querySelectorAll<HTMLLinkElement>("link[rel='stylesheet']").forEach((link) => {
    if (link.href.includes("/__handbook/")) return;
    const next = byStem.get(stem(link.href));
    if (!next) return;
    swapped++;
    if (new URL(next, location.href).href === link.href) return;
    const fresh = link.cloneNode() as HTMLLinkElement;
    fresh.href = next;
    fresh.addEventListener("load", () => link.remove(), { once: true });
    fresh.addEventListener("error", () => reload(), { once: true });
    link.after(fresh);
  });
  return swapped > 0;
}

// problemList lists problems as file:line:col, message and hint.
function problemList(problems: Problem[]): HTMLOListElement {
  const list = document.createElement("ol");
  list.className = "handbook-serve-list";
  for (const p of problems) {
    const item = document.createElement("li");
    const where = document.createElement("code");
    where.className = "handbook-serve-where";
    where.textContent = p.file;
    if (p.line) {
      // Whole: on a phone the place broke as "…md:1" and "3:1", line 1.
      const at = document.createElement("span");
      at.className = "handbook-serve-at";
      at.textContent = `:${p.line}` + (p.col ? `:${p.col}` : "");
      where.append(at);
    }
    const msg = document.createElement("p");
    msg.className = "handbook-serve-msg";
    msg.textContent = p.message;
    item.append(where, msg);
    if (p.hint) {
      const hint = document.createElement("p");
      hint.className = "handbook-serve-hint";
      hint.textContent = p.hint;
      item.append(hint);
    }
    list.append(item);
  }
  return list;
}

// The warnings a save brought (front matter not read, a field that is not
// a date…): the page is built, but perhaps not as meant. They show in a
// corner, not over the page, until a build no longer has them; × hides
// them until they change.
const dismissedKey = "handbook-serve:warnings-dismissed";
let warningsBox: HTMLElement | null = null;

function showWarnings(warnings: Problem[]): void {
  warningsBox?.remove();
  warningsBox = null;
  const sig = JSON.stringify(warnings.map((w) => w.text));
  let dismissed = "";
  try {
    dismissed = sessionStorage.getItem(dismissedKey) || "";
  } catch {
    /* storage disabled */
  }
  if (!warnings.length || sig === dismissed) return;
  const box = document.createElement("section");
  box.className = "handbook-serve-warnings";
  box.setAttribute("role", "status");
  box.setAttribute("aria-labelledby", "handbook-serve-warnings-title");
  const head = document.createElement("div");
  head.className = "handbook-serve-head";
  const title = document.createElement("strong");
  title.id = "handbook-serve-warnings-title";
  title.textContent = `警告：${warnings.length} 处`;
  const note = document.createElement("span");
  note.textContent = "页面已按修改构建，但可能与本意不同。";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "handbook-serve-close";
  close.textContent = "×";
  close.setAttribute("aria-label", "关闭警告");
  close.addEventListener("click", () => {
    try {
      sessionStorage.setItem(dismissedKey, sig);
    } catch {
      /* storage disabled: hidden until the page reloads */
    }
    box.remove();
    if (warningsBox === box) warningsBox = null;
  });
  head.append(title, note, close);
  box.append(head, problemList(warnings));
  document.body.append(box);
  warningsBox = box;
}

let overlay: HTMLElement | null = null;
// Where focus was when the overlay came up, to go back to when it goes.
let returnTo: HTMLElement | null = null;

// The overlay covers the page like a dialog: it takes focus when it comes
// up (its × button), Escape closes it as the × does, and focus goes back
// where the reader left it — not to <body>, the top of the page.
function hideErrors(): void {
  if (!overlay) return;
  const hadFocus = overlay.contains(document.activeElement);
  overlay.remove();
  overlay = null;
  const to = returnTo;
  returnTo = null;
  if (hadFocus && to && to.isConnected) to.focus({ preventScroll: true });
}

document.addEventListener(
  "keydown",
  (ev) => {
    if (ev.key !== "Escape" || !overlay) return;
    // The overlay is on top: the page's own Escape (a menu, the search
    // box) waits until it is gone.
    ev.preventDefault();
    ev.stopPropagation();
    hideErrors();
  },
  true,
);

// warnings are the failed build's (a save that brought an error and a
// warning): listed under the errors, so that both are fixed in one round,
// and in the corner once the overlay is closed.
function showErrors(problems: Problem[], warnings: Problem[] = []): void {
  // A new failure replaces the overlay in place, keeping where focus
  // returns to.
  const again = overlay !== null;
  const focusInside = again && overlay!.contains(document.activeElement);
  if (!again) {
    const a = document.activeElement;
    returnTo = a instanceof HTMLElement && a !== document.body ? a : null;
  }
  overlay?.remove();
  overlay = null;
  const box = document.createElement("div");
  box.className = "handbook-serve-overlay";
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-labelledby", "handbook-serve-title");
  const panel = document.createElement("div");
  panel.className = "handbook-serve-panel";
  const head = document.createElement("div");
  head.className = "handbook-serve-head";
  const title = document.createElement("strong");
  title.id = "handbook-serve-title";
  title.textContent = `构建失败：${problems.length} 处错误`;
  const note = document.createElement("span");
  // Before the first good build there is no page to keep; the published
  // revisions may be served without the working copy (draftless), and
  // are not a last good build of it.
  note.textContent = draftless
    ? "工作副本还没有成功构建过：草稿页面暂无可显示，已发布的版本照常可读；改正后会自动刷新。"
    : build
      ? "页面仍是上一次成功构建的版本；改正后会自动刷新。"
      : "还没有成功的构建，暂无页面可显示；改正后会自动刷新。";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "handbook-serve-close";
  close.textContent = "×";
  close.setAttribute("aria-label", "关闭");
  close.addEventListener("click", hideErrors);
  head.append(title, note, close);
  panel.append(head, problemList(problems));
  if (warnings.length) {
    const also = document.createElement("div");
    also.className = "handbook-serve-head handbook-serve-also";
    const alsoTitle = document.createElement("strong");
    alsoTitle.textContent = `另有警告：${warnings.length} 处`;
    const alsoNote = document.createElement("span");
    alsoNote.textContent = "不妨碍构建，但页面可能与本意不同。";
    also.append(alsoTitle, alsoNote);
    panel.append(also, problemList(warnings));
  }
  box.append(panel);
  document.body.append(box);
  overlay = box;
  if (!again || focusInside) close.focus({ preventScroll: true });
}

// While the server cannot be reached — stopped with Ctrl-C, restarting —
// a notice says so: a save shows nowhere until it runs again, and the page
// would otherwise look as live as ever. It goes when the server answers.
let offline: HTMLElement | null = null;
let offlineTimer: number | undefined;

function showOffline(): void {
  offlineTimer = undefined;
  if (offline) return;
  const box = document.createElement("div");
  box.className = "handbook-serve-offline";
  box.setAttribute("role", "status");
  box.textContent = "预览已断开：handbook serve 没有在运行，保存的修改不会显示。再次运行它后，本页会自动刷新。";
  document.body.append(box);
  offline = box;
}

function online(): void {
  clearTimeout(offlineTimer);
  offlineTimer = undefined;
  offline?.remove();
  offline = null;
}

// offlineAfter is how long the channel may be down before the notice
// shows: a server kicking a slow page, or restarting at once, is back
// sooner.
const offlineAfter = 2000;

// handle acts on one message of the live-reload channel ("error": the
// channel is down).
function handle(event: string, raw: string): void {
  if (event === "error") {
    document.documentElement.dataset.handbookServe = "down";
    if (!offline && offlineTimer === undefined) offlineTimer = window.setTimeout(showOffline, offlineAfter);
    return;
  }
  let m: Message = {};
  try {
    m = JSON.parse(raw) as Message;
  } catch {
    /* not a message of ours */
  }
  switch (event) {
    case "hello":
      online();
      document.documentElement.dataset.handbookServe = "live";
      // A build finished while this page loaded, or the server restarted.
      if (m.build && m.build !== build) return reload();
      draftless = !!m.draftless;
      if (m.errors && m.errors.length) showErrors(m.errors, m.warnings || []);
      else hideErrors();
      showWarnings(m.warnings || []);
      return;
    case "reload":
      if (page && m.moved && m.moved[page]) return follow(page, m.moved[page]);
      if (!page || !m.pages || m.pages.includes(page)) return reload();
      // This page is as it was: it stays, and is of the new build.
      build = m.build || build;
      hideErrors();
      showWarnings(m.warnings || []);
      return;
    case "css":
      if (!swapCSS(m.css || [])) return reload();
      build = m.build || build;
      hideErrors();
      showWarnings(m.warnings || []);
      return;
    case "problems":
      draftless = !!m.draftless;
      showErrors(m.errors || [], m.warnings || []);
      showWarnings(m.warnings || []);
  }
}

// listenAlone opens this page's own channel to the server.
function listenAlone(): void {
  const es = new EventSource("/__handbook/events");
  for (const name of ["hello", "reload", "css", "problems"]) {
    es.addEventListener(name, (ev) => handle(name, (ev as MessageEvent).data as string));
  }
  es.addEventListener("error", () => {
    handle("error", "");
    // The browser gives up on an answer that is not the channel (a server
    // shutting down, another program on the port): try again later.
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      window.setTimeout(listenAlone, offlineAfter);
    }
  });
}

// listen joins the channel every page of the preview shares (channel.ts):
// a browser opens at most six connections to one server, and with one
// held by each open page the seventh tab never loaded. Without shared
// workers (Chrome on Android) the page opens its own.
function listen(): void {
  if (typeof SharedWorker !== "function") return listenAlone();
  let w: SharedWorker;
  try {
    w = new SharedWorker("/__handbook/channel.js", { name: "handbook-serve" });
  } catch {
    return listenAlone();
  }
  let heard = false;
  w.port.onmessage = (ev: MessageEvent) => {
    heard = true;
    handle(ev.data.event, ev.data.data);
  };
  // The worker cannot start (its script refused): the page's own channel.
  w.addEventListener("error", () => {
    if (!heard) listenAlone();
  });
  window.addEventListener("pagehide", () => w.port.postMessage("bye"));
  // Back from the back-forward cache, the page left the channel: load it
  // anew, as of the current build, where the admin left it.
  window.addEventListener("pageshow", (ev) => {
    if (ev.persisted) reload();
  });
}

// The preview keeps no service worker (the server drops the pages' own
// registration): one installed on this address before — a published build
// served here, an older preview — would keep answering from its cache, so
// it goes, with the handbook's caches.
//
// A worker that answered this very page before it was told to go still
// controls the page until it unloads, and may cache what the page fetches
// after its caches were deleted (a handbook: cache stayed behind, one
// preview in three): the page is reloaded once, by then controlled by no
// worker, and clears them again.
function retireWorkers(): void {
  if (!("serviceWorker" in navigator)) return;
  const once = "handbook-serve:retired";
  navigator.serviceWorker
    .getRegistrations()
    .then((rs) => Promise.all(rs.map((r) => r.unregister())))
    .then(() => caches.keys())
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("handbook:")).map((k) => caches.delete(k))))
    .then(() => {
      if (navigator.serviceWorker.controller && sessionStorage.getItem(once) === null) {
        sessionStorage.setItem(once, "1");
        location.reload();
      }
    })
    .catch(() => {
      /* nothing to remove, or storage disabled */
    });
}

restoreScroll();
listen();
retireWorkers();
