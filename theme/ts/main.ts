// Behaviour shared by every page. Everything here is progressive: the pages
// read, navigate and print without it.
import "./search";

// The table of contents marks the section being read: the last heading
// above the top of the text (just under the sticky header), or at the
// end of the page the last one in sight. (It marked the first heading seen
// crossing a band of the screen, and a link that scrolled the page down
// past every heading, or landed in a long section, left the mark where
// the page opened.)
function trackTOC(): void {
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']"));
  if (links.length === 0) return;
  const marks: [HTMLElement, HTMLAnchorElement][] = [];
  for (const a of links) {
    const h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (h) marks.push([h, a]);
  }
  if (marks.length === 0) return;
  const header = document.querySelector(".site-header");
  let queued = false;
  const update = () => {
    queued = false;
    const top = Math.max(header?.getBoundingClientRect().bottom ?? 0, 0) + 32;
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    let current = marks[0][1];
    for (const [h, a] of marks) {
      const y = h.getBoundingClientRect().top;
      if (y <= top || (atEnd && y < innerHeight)) current = a;
      else break;
    }
    for (const a of links) a.classList.toggle("active", a === current);
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  };
  addEventListener("scroll", queue, { passive: true });
  addEventListener("resize", queue);
  addEventListener("hashchange", queue);
  addEventListener("load", queue);
  update();
}

// The version switcher keeps the reader on the same chapter and clause: a
// link to another revision gets the current fragment appended; from the
// search page to another revision's, the query (?q=) too.
function keepAnchorOnSwitch(): void {
  document.addEventListener("click", (ev) => {
    const a = (ev.target as Element | null)?.closest?.("a.version-link, .banner:not(.banner-missing) a") as HTMLAnchorElement | null;
    if (!a) return;
    const url = new URL(a.href, location.href);
    let changed = false;
    if (location.hash && !url.hash) {
      url.hash = location.hash;
      changed = true;
    }
    const q = new URLSearchParams(location.search).get("q");
    const search = /\/search\/$/;
    if (q && search.test(location.pathname) && search.test(url.pathname) && !url.searchParams.has("q")) {
      url.searchParams.set("q", q);
      changed = true;
    }
    if (changed) a.href = url.toString();
  });
}

// Close the version menu when clicking elsewhere, tabbing out of it or
// pressing Escape. (Tabbed out of, it stayed open over the text the focus
// went on to, on a phone.) A menu closed with Escape while focus was inside
// it gives focus back to its button (closing hides the focused link, and
// focus would fall to <body>, the top of the page for a keyboard reader).
function closeMenus(): void {
  const menus = Array.from(document.querySelectorAll<HTMLDetailsElement>("details.version-switcher"));
  document.addEventListener("click", (ev) => {
    for (const d of menus) if (d.open && !d.contains(ev.target as Node)) d.open = false;
  });
  for (const d of menus) {
    d.addEventListener("focusout", (ev) => {
      const to = ev.relatedTarget as Node | null;
      if (d.open && to && !d.contains(to)) d.open = false;
    });
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    for (const d of menus) {
      if (!d.open) continue;
      const inside = d.contains(document.activeElement);
      d.open = false;
      if (inside) d.querySelector<HTMLElement>("summary")?.focus();
    }
  });
}

// On phones the chapter list starts folded so the text comes first; so
// does the chapter's own contents wherever it sits above the text rather
// than beside it (up to 72rem). Each follows the window across its width:
// a phone turned sideways or a window widened gets the list open beside
// the text (it stayed folded, a lone "目录" over an empty column), and
// folded again going back.
function foldAboveTheText(): void {
  for (const [sel, query] of [
    [".nav-details", "(max-width: 48rem)"],
    [".toc-details", "(max-width: 72rem)"],
  ]) {
    const d = document.querySelector<HTMLDetailsElement>(sel);
    if (!d) continue;
    const above = window.matchMedia(query);
    if (above.matches) d.open = false;
    above.addEventListener("change", () => {
      d.open = !above.matches;
    });
  }
}

// A link to a heading or clause this page does not have (a clause
// renumbered or dropped in this revision, a mistyped link) says so above
// the text: the page opened at its top with no word of what the link
// pointed to. A clause's ID (销售人员奖惩办法.8) is read as its section's
// clause, with a link to that section when the page has it. Fragments
// with "=" are the calculator's.
function sayMissingTarget(): void {
  const main = document.querySelector("main");
  if (!main || document.body.classList.contains("kind-notfound")) return;
  const check = () => {
    main.querySelector(":scope > .banner-missing")?.remove();
    const raw = location.hash.slice(1);
    if (!raw || raw.includes("=")) return;
    let id = raw;
    try {
      id = decodeURIComponent(raw);
    } catch {
      // shown as written
    }
    if (document.getElementById(id)) return;
    const note = document.createElement("div");
    note.className = "banner banner-missing";
    note.setAttribute("role", "note");
    const clause = /^(.+?)\.(\d+(?:\.\d+)*)$/.exec(id);
    const section = clause ? document.getElementById(clause[1]) : null;
    const [n, ...sub] = clause ? clause[2].split(".") : [];
    const what = clause
      ? `“${section?.firstChild?.textContent?.trim() || clause[1]}”第 ${n} 条${sub.map((m) => `第 ${m} 项`).join("")}`
      : `“${id}”`;
    note.append(`链接所指的${what}不在本页：可能链接有误，或它在本版本中已改号、改名或删去。`);
    const link = (href: string, text: string) => {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      note.append(a);
    };
    if (section) link("#" + encodeURIComponent(section.id), "查看该节");
    const changelog = document.querySelector<HTMLAnchorElement>(".nav-extra a[href$='changelog/']");
    if (changelog) link(changelog.href, "查看修订记录");
    const banners = main.querySelectorAll(":scope > .banner");
    if (banners.length > 0) banners[banners.length - 1].after(note);
    else main.prepend(note);
  };
  check();
  addEventListener("hashchange", check);
}

// A reader arriving by a link to a clause (…/performance/#内勤奖惩办法.5)
// sees which section it belongs to, above it: on a phone the clause
// landed at the top of the screen as "5、额外奖金：…", with nothing to tell
// the sales staff's 第5条 from the assistants'. Only on arrival: a reader
// already in the page knows where they are.
function showClauseContext(): void {
  let id = "";
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  const m = /^(.+?)((?:\.\d+)+)$/.exec(id);
  const li = m && document.getElementById(id);
  if (!m || !li || li.tagName !== "LI" || !li.closest(".prose")) return;
  const heading = document.getElementById(m[1]);
  if (!heading || !/^H[2-6]$/.test(heading.tagName)) return;
  const text = (h: Element) => (h.firstChild?.textContent || h.textContent || "").trim();
  const crumbs = [text(heading)];
  // The heading above it (四、销售人员月度绩效考核办法 above （二）奖惩办法).
  for (let e = heading.previousElementSibling; e; e = e.previousElementSibling) {
    if (/^H[1-6]$/.test(e.tagName) && e.tagName < heading.tagName) {
      crumbs.unshift(text(e));
      break;
    }
  }
  // A nested clause (.5.2) names the clause it is in.
  const nums = m[2].slice(1).split(".");
  if (nums.length > 1) crumbs.push(`第 ${nums.slice(0, -1).join(".")} 条`);
  const label = document.createElement("span");
  label.className = "clause-context";
  label.textContent = crumbs.join(" › ");
  li.classList.add("has-context");
  li.prepend(label);
}

// The print page's button prints it (hidden without the script).
function printButton(): void {
  const b = document.querySelector<HTMLButtonElement>(".print-button");
  if (!b) return;
  b.addEventListener("click", () => window.print());
  b.closest<HTMLElement>(".print-action")!.hidden = false;
}

// Offline reading: the edition's service worker caches its pages, assets
// and the calculator module after the first visit.
function registerServiceWorker(): void {
  const meta = document.querySelector<HTMLMetaElement>("meta[name='service-worker']");
  if (!meta || !("serviceWorker" in navigator)) return;
  const url = new URL(meta.content, location.href);
  const scope = new URL(".", url).pathname;
  // The site's own worker keeps its root (which leads to /latest/, the
  // address readers bookmark) and the changelog; this script lives in the
  // site's assets/ folder, so the site is one folder up.
  const site = new URL("../", import.meta.url);
  const register = () =>
    Promise.all([
      navigator.serviceWorker.register(url.pathname, { scope }),
      navigator.serviceWorker.register(new URL("sw.js", site).pathname, { scope: site.pathname }),
    ]).catch(() => {
      /* offline support is a bonus; the site works without it */
    });
  // A first visit installs the worker, which fetches the whole edition (the
  // calculator's 2 MB module included): not while the page itself is still
  // loading, compiling and painting (traces of a cold calculator page showed
  // the install's worker start-up and fetches during the module's compile
  // and the result's first paint). A second after the load event, when the page is idle
  // (at most 2 s later); at once when a worker already controls the page
  // (the registration is then only a check for a new one).
  if (navigator.serviceWorker.controller) {
    register();
    return;
  }
  const idle = () =>
    setTimeout(() => ("requestIdleCallback" in window ? requestIdleCallback(() => register(), { timeout: 2000 }) : register()), 1000);
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

foldAboveTheText();
sayMissingTarget();
showClauseContext();
printButton();
trackTOC();
keepAnchorOnSwitch();
closeMenus();
registerServiceWorker();
