// Behaviour shared by every page. Everything here is progressive: the pages
// read, navigate and print without it.
import "./search";
import { openedFromSite, watchLinks } from "./arrival";

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
// link to another revision (the switcher's, a banner's, a deleted
// chapter's to the chapter as it was) gets the current fragment appended,
// or, with none, the heading or clause at the top of the view (a reader
// who scrolled to 主要权利 第5条 landed at the top of the other revision's
// page); from the search page to another revision's, the query (?q=) too.
// Set on the links themselves, as the page opens, as its fragment changes
// and once scrolling stops, so that a link copied or opened in a new tab
// keeps them: set on a click only, the address a reader saw and copied had
// lost its #clause.
const SWITCH_LINKS = "a.version-link, .banner:not(.banner-missing) a, [data-deleted] a.old-version";

// placeInView is the ID of the heading or clause at the top of the text
// (just under the sticky header): the first to start there, in the top
// quarter of the text's height, else the one it is part of (a long clause
// read halfway), or "" when the page is at its top.
function placeInView(): string {
  const main = document.querySelector("main");
  if (!main || scrollY < 1) return "";
  const header = document.querySelector(".site-header");
  const top = Math.max(header?.getBoundingClientRect().bottom ?? 0, 0);
  const near = top + (innerHeight - top) / 4;
  let above = "";
  for (const el of main.querySelectorAll<HTMLElement>(":is(h2, h3, h4, h5, h6)[id], li[id]")) {
    const r = el.getClientRects()[0];
    if (!r) continue; // not shown (a folded calculator's table)
    if (r.top < top - 4) above = el.id;
    else return r.top <= near ? el.id : above;
  }
  return above;
}

function keepAnchorOnSwitch(): void {
  let place = "";
  const keep = (a: HTMLAnchorElement) => {
    // From the address the page gave it, each time.
    const given = a.dataset.given ?? (a.dataset.given = a.getAttribute("href") ?? "");
    if (!given) return;
    const url = new URL(given, location.href);
    if (location.hash && !url.hash) url.hash = location.hash;
    else if (place && !url.hash) url.hash = "#" + encodeURIComponent(place);
    const q = new URLSearchParams(location.search).get("q");
    const search = /\/search\/$/;
    if (q && search.test(location.pathname) && search.test(url.pathname) && !url.searchParams.has("q")) url.searchParams.set("q", q);
    a.href = url.toString();
  };
  const all = () => document.querySelectorAll<HTMLAnchorElement>(SWITCH_LINKS).forEach(keep);
  const reread = () => {
    const now = placeInView();
    if (now === place) return;
    place = now;
    all();
  };
  all();
  addEventListener("hashchange", all);
  // Where the reader is, once scrolling stops (a page opened or restored
  // scrolled down scrolls too), not at every frame of it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  addEventListener(
    "scroll",
    () => {
      clearTimeout(timer);
      timer = setTimeout(reread, 150);
    },
    { passive: true },
  );
  addEventListener("load", reread);
  // Banners a script adds later; and the place where the reader is as
  // they choose (scrolling may have stopped less than a pause ago).
  document.addEventListener(
    "click",
    (ev) => {
      const a = (ev.target as Element | null)?.closest?.(SWITCH_LINKS);
      if (!(a instanceof HTMLAnchorElement)) return;
      place = placeInView();
      keep(a);
    },
    true,
  );
}

// Close the version menu when clicking elsewhere, tabbing out of it or
// pressing Escape. (Tabbed out of, it stayed open over the text the focus
// went on to, on a phone.) A menu closed with Escape while focus was inside
// it gives focus back to its button (closing hides the focused link, and
// focus would fall to <body>, the top of the page for a keyboard reader).
// The lists folded above the text (目录, 本章目录: FOLDED) close with
// Escape too while focus is in them, the same way: open, 目录 pushed the
// chapter 370 px down a phone's screen and a keyboard or switch user had
// to go back to its button to fold it. Beside the text they stay.
// The menu is closed as the page is left: Back to it, from the revision
// chosen in it, showed it open over the text (the page kept whole in the
// back/forward cache).
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
  const folded = FOLDED.flatMap(([sel, query]) => {
    const d = document.querySelector<HTMLDetailsElement>(sel);
    return d ? [{ d, above: window.matchMedia(query) }] : [];
  });
  const close = (d: HTMLDetailsElement) => {
    const inside = d.contains(document.activeElement);
    d.open = false;
    if (inside) d.querySelector<HTMLElement>("summary")?.focus();
  };
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    for (const d of menus) if (d.open) close(d);
    for (const { d, above } of folded) if (d.open && above.matches && d.contains(document.activeElement)) close(d);
  });
  const shut = () => {
    for (const d of menus) if (d.open) close(d);
  };
  addEventListener("pagehide", shut);
  addEventListener("pageshow", (ev) => {
    if (ev.persisted) shut();
  });
}

// On phones the chapter list starts folded so the text comes first; so
// does the chapter's own contents wherever it sits above the text rather
// than beside it (up to 72rem). Each follows the window across its width:
// a phone turned sideways or a window widened gets the list open beside
// the text (it stayed folded, a lone "目录" over an empty column), and
// folded again going back.
const FOLDED: [string, string][] = [
  [".nav-details", "(max-width: 48rem)"],
  [".toc-details", "(max-width: 72rem)"],
];

function foldAboveTheText(): void {
  for (const [sel, query] of FOLDED) {
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
  // A reader arriving from outside the site (a link kept in a chat or a
  // mail) may hold a link older than the page.
  let arriving = !openedFromSite();
  const check = () => {
    main.querySelector(":scope > .banner-missing")?.remove();
    const fromOutside = arriving;
    arriving = false;
    const raw = location.hash.slice(1);
    if (!raw || raw.includes("=")) return;
    let id = raw;
    try {
      id = decodeURIComponent(raw);
    } catch {
      // shown as written
    }
    const note = document.createElement("div");
    note.className = "banner banner-missing";
    note.setAttribute("role", "note");
    const clause = CLAUSE_ID.exec(id);
    const section = clause ? document.getElementById(clause[1]) : null;
    const link = (href: string, text: string) => {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      note.append(a);
    };
    const place = (n: Element) => {
      const banners = main.querySelectorAll(":scope > .banner");
      if (banners.length > 0) banners[banners.length - 1].after(n);
      else main.prepend(n);
    };
    if (document.getElementById(id)) {
      // The number was another clause's until a revision (an item put
      // in above it): a link kept from before opens the clause that took
      // it. Said to a reader arriving from outside, who may hold such a
      // link; links within the site are this revision's.
      const was = movedIDs()[id];
      if (!was?.other || !fromOutside) return;
      const then = was.in ? `${was.in} 版之前` : "本草稿改动之前";
      const to = was.to ? document.getElementById(was.to) : null;
      note.append(`此链接指向${placeName(id)}。${then}，这一条号是另一条（“${was.other}”），` + (to ? `该条现为${placeName(to.id)}。` : "该条已删去。"));
      if (to) link("#" + encodeURIComponent(to.id), "转到该处");
      place(note);
      return;
    }
    const what = placeName(id);
    // An ID an earlier revision had: the build says where its text went.
    const moved = movedIDs()[id];
    const to = moved?.to && !moved.page ? document.getElementById(moved.to) : null;
    if (moved && (to || !moved.to || moved.page)) {
      // Named as it was: its heading then (一、考核目的), not its ID.
      const was = moved.was ? `“${moved.was}”${clause ? clauseNumber(clause[2]) : ""}` : what;
      const where = moved.in ? `在 ${moved.in} 版中` : "在草稿中";
      if (moved.page) {
        // Split into sections of this page, which the build names, each
        // quoted: to the first. Else moved to another chapter: there, at
        // the same ID.
        const split = moved.title?.startsWith("“");
        note.append(split ? `链接所指的${was}已${where}拆分为${moved.title}。` : `链接所指的${was}已${where}移至“${moved.title || moved.page}”。`);
        link(moved.page + "#" + encodeURIComponent(moved.to), "转到该处");
      } else if (to && clause && section && CLAUSE_ID.exec(to.id)?.[1] !== clause[1]) {
        // A clause moved to another section of this page, its own
        // section still here: moved, not renamed.
        note.append(`链接所指的${was}已${where}移至${placeName(to.id)}。`);
        link("#" + encodeURIComponent(to.id), "转到该处");
      } else if (to) {
        // Renamed again since (title: its name in that revision): the
        // revision named and the name it gave, then the name now.
        const then = moved.title ? `${moved.title}，现为` : "";
        note.append(`链接所指的${was}${where}改为${then}${placeName(to.id)}。`);
        link("#" + encodeURIComponent(to.id), "转到该处");
      } else note.append(`链接所指的${was}已${where}删去。`);
    } else {
      note.append(`链接所指的${what}不在本页：可能链接有误，或它在本版本中已改号、改名或删去。`);
      // A heading renamed (三考核的原则 → 三考核原则) or a link mistyped:
      // the heading of this page whose ID is nearest, with the clause
      // when it has one of that number.
      const near = section ? null : nearestHeading(main, clause ? clause[1] : id);
      const item = near && clause ? document.getElementById(`${near.id}.${clause[2]}`) : null;
      if (section) link("#" + encodeURIComponent(section.id), "查看该节");
      else if (near) {
        const target = item ? item.id : near.id;
        link("#" + encodeURIComponent(target), `可能是指${placeName(target)}`);
      }
    }
    const changelog = document.querySelector<HTMLAnchorElement>(".nav-extra a[href$='changelog/']");
    if (changelog) link(changelog.href, "查看修订记录");
    place(note);
  };
  check();
  addEventListener("hashchange", check);
}

// nearestHeading is the heading of main's text whose ID is nearest want,
// when near enough to be what a link to want meant.
function nearestHeading(main: Element, want: string): HTMLElement | null {
  let near: HTMLElement | null = null;
  let best = Infinity;
  for (const h of Array.from(main.querySelectorAll<HTMLElement>(".prose :is(h2, h3, h4, h5, h6)[id]"))) {
    const d = distance(h.id, want);
    if (d < best) {
      best = d;
      near = h;
    }
  }
  return near && best <= Math.max(2, Math.floor(Array.from(want).length / 3)) ? near : null;
}

// movedIDs is the page's map of the IDs earlier revisions had to where
// their text is now ({to: "", in} when deleted; in: "" for the working
// copy; page and title when it went to another chapter, or another
// section; the same page and, quoted, the sections it was split into;
// title alone, its place as revision in named it, when renamed again
// since), written by the build.
function movedIDs(): Record<string, { to: string; in: string; was?: string; page?: string; title?: string; other?: string }> {
  try {
    return JSON.parse(document.getElementById("moved-ids")?.textContent || "{}");
  } catch {
    return {};
  }
}

// A numbered clause's ID: its section's ID and its number (销售人员奖惩办法.8,
// 主要职责.2.1 for an item of a clause).
const CLAUSE_ID = /^(.+?)\.(\d+(?:\.\d+)*)$/;

// placeName names a heading or clause ID as a reader finds it: a
// heading's text, a clause by its section's heading (or ID, when this
// page has no such section) and its number there.
function placeName(id: string): string {
  const clause = CLAUSE_ID.exec(id);
  const e = document.getElementById(clause ? clause[1] : id);
  const text = (h: Element | null | undefined) => h?.firstChild?.textContent?.trim() || "";
  const name = text(e) || (clause ? clause[1] : id);
  // A heading another of the page shares (each role's （二）奖惩办法) is
  // named with the section it is in.
  let within = "";
  const level = e ? /^H([2-6])$/.exec(e.tagName) : null;
  if (e && level) {
    const all = Array.from(document.querySelectorAll<HTMLElement>("main :is(h1, h2, h3, h4, h5, h6)"));
    if (all.some((h) => h !== e && text(h) === name)) {
      const parent = all
        .slice(0, all.indexOf(e))
        .reverse()
        .find((h) => Number(h.tagName[1]) < Number(level[1]));
      if (parent && parent.tagName !== "H1") within = `“${text(parent)}”中的`;
    }
  }
  return `${within}“${name}”${clause ? clauseNumber(clause[2]) : ""}`;
}

// clauseNumber reads a clause's number (8, or 2.1 for an item): 第 8 条, 第 2 条第 1 项.
function clauseNumber(num: string): string {
  const [n, ...sub] = num.split(".");
  return `第 ${n} 条${sub.map((m) => `第 ${m} 项`).join("")}`;
}

// The 404 page offers what the address may have meant, with its #clause:
// the same page in the revisions that have it (a page the revision in
// force dropped or renamed, an old revision's link, a revision that does
// not exist: /v/2024.1/performance/) and the chapter whose address is
// nearest a mistyped one (/latest/perfomance/). It offered the home page
// and the search only, and the clause the link pointed at was lost.
function suggestOnNotFound(): void {
  const main = document.querySelector("main");
  // A deleted chapter's page says where it was itself.
  if (!main || !document.body.classList.contains("kind-notfound") || main.querySelector("[data-deleted]")) return;
  const roots = Array.from(document.querySelectorAll<HTMLAnchorElement>("a.version-link[data-root]"), (a) => ({
    root: new URL(a.dataset.root!, location.href).pathname,
    label: a.firstChild?.textContent?.trim() || a.dataset.root!,
    current: a.getAttribute("aria-current") === "true",
  }));
  const home = new URL(document.querySelector<HTMLMetaElement>("meta[name='edition-root']")?.content || "/", location.href).pathname;
  if (!roots.some((r) => r.root === home)) roots.unshift({ root: home, label: "", current: true });
  // The site's base path: where latest/ is.
  const base = home.replace(/[^/]+\/$/, "");
  const decoded = (p: string) => {
    try {
      return decodeURI(p);
    } catch {
      return p; // compared as written
    }
  };
  // The page's address within its revision: the path past a revision's
  // root, past v/<anything>/, or past the base path.
  const path = decoded(location.pathname);
  let rest = path.startsWith(decoded(base)) ? path.slice(decoded(base).length) : path.replace(/^\//, "");
  let from = "";
  for (const r of roots) {
    const root = decoded(r.root);
    if (path.startsWith(root)) {
      rest = path.slice(root.length);
      from = r.root;
    }
  }
  if (!from) rest = rest.replace(/^v\/[^/]+\//, "");
  rest = rest.replace(/(^|\/)index\.html$/, "$1");
  if (rest === "") return;
  // A page's address without its last / (a host that does not add it).
  if (!rest.endsWith("/") && !/\.[^/]*$/.test(rest)) rest += "/";
  const hash = location.hash;
  const found: { href: string; text: string }[] = [];
  const offer = () => {
    if (found.length === 0) return;
    const box = document.createElement("div");
    box.className = "notfound-suggest";
    box.setAttribute("role", "note");
    const p = document.createElement("p");
    p.textContent = "你要找的可能是：";
    const ul = document.createElement("ul");
    for (const f of found) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = f.href;
      a.textContent = f.text;
      li.append(a);
      ul.append(li);
    }
    box.append(p, ul);
    main.querySelector(".prose")?.prepend(box);
  };
  // The chapter of the revision in force whose address is nearest.
  const slug = (u: string) => {
    const p = decoded(new URL(u, location.href).pathname);
    return p.startsWith(decoded(home)) ? p.slice(decoded(home).length).replace(/\/$/, "") : "";
  };
  const want = rest.replace(/\/$/, "");
  let best: HTMLAnchorElement | null = null;
  let bestD = Infinity;
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>(".sidebar a[href]"))) {
    const s = slug(a.href);
    if (!s) continue;
    const d = distance(s, want);
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  const near = best && bestD <= Math.max(2, Math.floor(want.length / 3)) ? best : null;
  // The same page in each revision that has it.
  const checks = roots
    .filter((r) => decoded(r.root + encodeURI(rest)) !== path)
    .map((r) =>
      fetch(r.root + encodeURI(rest))
        .then((res) => (res.ok ? res.text() : null))
        .then((html) => {
          if (html === null) return null;
          // Named by its title, as the page's tab is ("第六章 … · 手册名").
          const title = new DOMParser().parseFromString(html, "text/html").title.split(" · ")[0].trim();
          return { r, title: `${title || rest}（${r.current ? "现行版本" : r.label + " 版"}）` };
        })
        .catch(() => null),
    );
  Promise.all(checks).then((have) => {
    for (const h of have) {
      if (h) found.push({ href: h.r.root + encodeURI(rest) + hash, text: h.title });
    }
    if (near && !found.some((f) => f.href.startsWith(new URL(near.href, location.href).pathname))) {
      found.push({ href: new URL(near.href, location.href).pathname + hash, text: near.textContent?.trim() || near.href });
    }
    offer();
  });
}

// distance is the edit distance between two strings, by characters.
function distance(a: string, b: string): number {
  const x = Array.from(a),
    y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

// A reader arriving by a link to a clause (…/performance/#内勤奖惩办法.5)
// sees which section it belongs to, above it: on a phone the clause
// landed at the top of the screen as "5、额外奖金：…", with nothing to tell
// the sales staff's 第5条 from the assistants'. Only on arrival: a reader
// already in the page knows where they are.
//
// A link to a heading under another (#本职工作, one of three roles'
// 本职工作：) names the sections above it the same way.
function showClauseContext(): void {
  let id = "";
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  const text = (h: Element) => (h.firstChild?.textContent || h.textContent || "").trim();
  // The headings above h, nearest last, most of them (四、销售人员月度绩效
  // 考核办法 above （二）奖惩办法); not the chapter's title.
  const above = (h: Element, most: number) => {
    const out: string[] = [];
    let level = h.tagName;
    for (let e = h.previousElementSibling; e && out.length < most; e = e.previousElementSibling) {
      if (/^H[2-6]$/.test(e.tagName) && e.tagName < level) {
        out.unshift(text(e));
        level = e.tagName;
      }
    }
    return out;
  };
  const target = document.getElementById(id);
  if (!target || !target.closest(".prose")) return;
  const label = document.createElement("span");
  label.className = "clause-context";
  if (/^H[3-6]$/.test(target.tagName)) {
    const crumbs = above(target, 2);
    if (crumbs.length === 0) return;
    label.textContent = crumbs.join(" › ");
    target.classList.add("has-context");
    // Last: the heading's own text stays its first child.
    target.append(label);
    return;
  }
  const m = /^(.+?)((?:\.\d+)+)$/.exec(id);
  if (!m || target.tagName !== "LI") return;
  const heading = document.getElementById(m[1]);
  if (!heading || !/^H[2-6]$/.test(heading.tagName)) return;
  const crumbs = [...above(heading, 1), text(heading)];
  // A nested clause (.5.2) names the clause it is in.
  const nums = m[2].slice(1).split(".");
  if (nums.length > 1) crumbs.push(`第 ${nums.slice(0, -1).join(".")} 条`);
  label.textContent = crumbs.join(" › ");
  target.classList.add("has-context");
  target.prepend(label);
}

// On paper a link says where it goes: the whole address of a page or a
// file of the site (a relative ../performance/ or 申请表.pdf said nothing,
// and only http links printed theirs), and, on the print page, the
// chapter a link to another chapter leads to (见第六章 …).
function printLinks(): void {
  const chapterOf = (e: Element | null) => e?.closest(".print-chapter")?.querySelector(".print-chapter-title")?.textContent?.trim() || "";
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("main .prose a[href]:not(.anchor):not(.clause-anchor)"))) {
    // The org chart's boxes are SVG links: no text after them on paper.
    if (!(a instanceof HTMLAnchorElement)) continue;
    const href = a.getAttribute("href")!;
    let where = "";
    if (href.startsWith("#")) {
      let id = href.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch {
        // as written
      }
      const to = chapterOf(document.getElementById(id));
      if (to && to !== chapterOf(a)) where = "见" + to;
    } else if (/^(https?:|\.|\/|[^:]*$)/i.test(href)) {
      try {
        where = decodeURI(a.href);
      } catch {
        where = a.href;
      }
      // A bare address shown as itself needs it no second time.
      if (a.textContent?.trim() === where || a.textContent?.trim() === href) where = "";
      a.dataset.printHref = where;
    }
    if (where) a.dataset.printHref = where;
  }
}

// Sharing a clause: a click on its § (on a phone, its number) or on a
// heading's # also copies its address, and says so. The link only put the
// address in the address bar, which a phone hides, with no word that the
// number was a link or that anything had happened.
function copyClauseLinks(): void {
  if (!document.querySelector("main a.clause-anchor, main a.anchor")) return;
  // In the page from the start, so a screen reader hears what it says.
  const toast = document.createElement("div");
  toast.className = "copy-toast";
  toast.setAttribute("role", "status");
  document.body.append(toast);
  let timer = 0;
  const say = (text: string) => {
    toast.textContent = text;
    toast.classList.add("shown");
    clearTimeout(timer);
    timer = window.setTimeout(() => toast.classList.remove("shown"), 2500);
  };
  // The clipboard API wants a secure page (an intranet's http:// is not);
  // there, the older copy command, which a click allows.
  const copy = (text: string): Promise<boolean> => {
    const old = () => {
      const ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      document.body.append(ta);
      ta.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      ta.remove();
      return ok;
    };
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        () => true,
        () => old(),
      );
    }
    return Promise.resolve(old());
  };
  document.addEventListener("click", (ev) => {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.("main a.clause-anchor, main a.anchor") as HTMLAnchorElement | null;
    if (!a) return;
    const name = a.classList.contains("clause-anchor")
      ? (a.getAttribute("aria-label") || "").replace(/的链接$/, "")
      : (a.parentElement?.firstChild?.textContent || "").trim();
    copy(a.href).then((ok) => say(ok ? `已复制链接：${name}` : `本条链接已在地址栏：${name}`));
  });
}

// A heading's # link, for the keyboard and the screen reader too: it was
// out of the Tab order and hidden (so that a heading's spoken name stayed
// its text), and a reader without a mouse could not reach a section's
// address where the contents list does not link it: a page of one
// heading, which has no contents list, the print page, a fourth-level
// heading. The heading keeps its text as its name; the link is named by
// the section it leads to and the sections it is in, as a clause's is
// (chapter 6 has two "（二）奖惩办法").
function headingLinks(): void {
  const textOf = (h: Element) =>
    Array.from(h.childNodes)
      .filter((n) => !(n instanceof Element && n.classList.contains("anchor")))
      .map((n) => n.textContent)
      .join("")
      .trim();
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("main :is(h2, h3, h4, h5, h6) > a.anchor"))) {
    const h = a.parentElement!;
    const text = textOf(h);
    if (!text) continue;
    // The headings above it, each of a higher level, up to the text's top.
    const path = [text];
    let level = Number(h.tagName[1]);
    for (let e = h.previousElementSibling; e && level > 2; e = e.previousElementSibling) {
      const m = /^H([2-6])$/.exec(e.tagName);
      if (m && Number(m[1]) < level) {
        path.unshift(textOf(e));
        level = Number(m[1]);
      }
    }
    h.setAttribute("aria-label", text);
    a.removeAttribute("aria-hidden");
    a.removeAttribute("tabindex");
    a.setAttribute("aria-label", `${path.join(" ")} 的链接`);
  }
}

// The print page's button prints it (hidden without the script).
function printButton(): void {
  const b = document.querySelector<HTMLButtonElement>(".print-button");
  if (!b) return;
  b.addEventListener("click", () => window.print());
  b.closest<HTMLElement>(".print-action")!.hidden = false;
}

// Printed, every page has a running head (the handbook, its revision and
// whether it is in force, the chapter) and its number of the total
// (main.css @page). The head is the page's: CSS reads it from here.
function printHeader(): void {
  const text = document.querySelector<HTMLMetaElement>("meta[name='print-header']")?.content;
  if (!text) return;
  const quote = (s: string) => '"' + s.replace(/[\\"]/g, "\\$&").replace(/\n/g, " ") + '"';
  document.documentElement.style.setProperty("--print-header", quote(text));
  // The print page: each chapter's pages name their chapter too, as a
  // chapter's own page does (a named page per chapter; CSS has no other
  // way a running head can follow the text in Chromium). Every sheet of
  // the whole handbook said only "大客户部管理制度 2026.1", and a loose
  // page did not say whose rules it held.
  const chapters = Array.from(document.querySelectorAll<HTMLElement>(".print-chapter"));
  if (chapters.length === 0 || !("adoptedStyleSheets" in document)) return;
  const rules: string[] = [];
  chapters.forEach((c, i) => {
    const title = c.querySelector(".print-chapter-title")?.textContent?.trim();
    if (!title) return;
    c.style.setProperty("page", `handbook-chapter-${i}`);
    rules.push(`@page handbook-chapter-${i} { @top-center { content: ${quote(text + " · " + title)}; } }`);
  });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join("\n"));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
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
  const siteWorker = new URL("sw.js", site);
  const register = () =>
    Promise.all([
      navigator.serviceWorker.register(url.pathname, { scope }),
      navigator.serviceWorker.register(siteWorker.pathname, { scope: site.pathname }),
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
  const whenIdle = (f: () => void) => {
    const idle = () => setTimeout(() => ("requestIdleCallback" in window ? requestIdleCallback(() => f(), { timeout: 2000 }) : f()), 1000);
    if (document.readyState === "complete") idle();
    else addEventListener("load", idle, { once: true });
  };
  const controller = navigator.serviceWorker.controller;
  if (controller) {
    const registered = register();
    // The site's worker looks for a new build of the changelog when this
    // page is idle (a page of its own, the root or the changelog, has had
    // it look already): its offline copy fell behind the editions', which
    // only a visit to the root or the changelog brought up to date.
    if (controller.scriptURL !== siteWorker.href) {
      whenIdle(() => registered.then((regs) => regs?.[1].active?.postMessage("refresh")));
    }
    return;
  }
  whenIdle(() => register());
}

foldAboveTheText();
watchLinks();
sayMissingTarget();
suggestOnNotFound();
showClauseContext();
headingLinks();
printButton();
printHeader();
printLinks();
copyClauseLinks();
trackTOC();
keepAnchorOnSwitch();
closeMenus();
registerServiceWorker();
