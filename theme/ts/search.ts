// The search box of every page and the results of the search page. It runs
// on import and expects, from the page template:
//
//   <meta name="search-index" content="<URL of the edition's search/ folder>">
//   <form class="search-form" role="search" action="<edition>/search/">
//     <input type="search" name="q" …>
//   </form>
//   <div id="search-results"></div>        (the search page only; its own
//                                           form may add class search-form-page)
//
// The index is fetched when the reader starts a search, never before: its
// meta.json when a search box gets focus; the postings of the words typed,
// then the text of the first results, while the box waits for the reader
// to pause. Everything shown is built with textContent, never innerHTML, so
// no query or clause text is ever parsed as HTML, and nothing is styled
// inline (CSP): the classes are styled in theme/css/search.css.

import { markFollowed } from "./arrival";
import { appendFigures } from "./figures";
import { Index, MAX_QUERY, VersionError, held, highlight, parseQuery, snippet, type DocRecord, type Hit, type Segment } from "./search-core";

const DROPDOWN_LIMIT = 8;
const PAGE_SIZE = 20;
const DEBOUNCE_MS = 60;
const SNIPPET_WIDTH = 80;
/** Most characters of the query the search page's summary and title repeat. */
const ECHO = 20;
/** Heads the dropdown's results when no clause holds the whole query. */
const PARTIAL = "没有完全匹配的条款，以下为部分匹配：";
const TOO_SHORT = "请输入至少两个相连的汉字，或一个词、数字。";
const NOTHING = "没有找到相关条款。";
const FAILED = "搜索索引加载失败，请检查网络后重试。";
/** The page is older than the site deployed since (its index is another version's). */
const STALE = "手册已更新，请刷新页面后再搜索。";

/** What to tell the reader when a search failed. */
function failure(err: unknown): string {
  return err instanceof VersionError ? STALE : FAILED;
}

interface Item {
  hit: Hit;
  doc: DocRecord;
}

interface Answer {
  total: number;
  items: Item[];
  /** The query has nothing to search for (empty, punctuation, one character). */
  tooShort: boolean;
  /** No clause holds the whole query: the items hold parts of it (SearchResult.partial). */
  partial: boolean;
}

let opening: Promise<Index> | null = null;

function indexBase(): URL | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="search-index"]');
  if (!meta || !meta.content) return null;
  const u = new URL(meta.content, document.baseURI);
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u;
}

/** How long an index file may take, in ms: a 300 KB shard over a slow mobile network takes seconds, not twenty. */
const FETCH_TIMEOUT = 20000;

function openIndex(): Promise<Index> {
  if (!opening) {
    const base = indexBase();
    if (!base) return Promise.reject(new Error("search: no <meta name=search-index>"));
    opening = Index.open(async (path) => {
      // meta.json has a fixed name, so revalidate it; the shards live in a
      // folder named after their content and never change.
      // A network that connects and never answers (before a service
      // worker, which gives up on it, is there) left the search blank for
      // good: after FETCH_TIMEOUT it says the index could not be loaded,
      // and the next search tries again.
      const signal = AbortSignal.timeout(FETCH_TIMEOUT);
      const res = await fetch(new URL(path, base), path === "meta.json" ? { cache: "no-cache", signal } : { signal });
      if (!res.ok) throw new Error(`search: ${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    opening.catch(() => {
      opening = null; // try again on the next search
    });
  }
  return opening;
}

/**
 * Starts loading what a search for query will need (only the index's
 * meta.json for an empty one), ignoring failures: the search itself
 * reports them. It settles once that is done or given up (see
 * Index.prefetch).
 */
function warm(query: string): Promise<void> {
  if (!indexBase()) return Promise.resolve();
  const q = query.slice(0, MAX_QUERY * 4);
  return openIndex()
    .then((index) => (q.trim() !== "" ? index.prefetch(q, DROPDOWN_LIMIT) : undefined))
    .catch(() => undefined);
}

async function ask(query: string, limit: number): Promise<Answer> {
  const q = query.slice(0, MAX_QUERY * 4);
  if (parseQuery(q).length === 0) return { total: 0, items: [], tooShort: q.trim() !== "", partial: false };
  const index = await openIndex();
  const { hits, total, partial } = await index.search(q, limit);
  return { total, items: hits.map((hit) => ({ hit, doc: hit.record })), tooShort: false, partial: !!partial };
}

/** How many clauses hold query whole (Index.whole), after ask(query). */
async function wholeCount(query: string): Promise<number> {
  const index = await openIndex();
  return index.whole(query.slice(0, MAX_QUERY * 4));
}

/**
 * The queries one character away that the index holds whole (Index.suggest),
 * for a query it does not: none when that fails, which the search itself
 * has reported.
 */
async function suggestions(query: string): Promise<string[]> {
  try {
    const index = await openIndex();
    return await index.suggest(query.slice(0, MAX_QUERY * 4));
  } catch {
    return [];
  }
}

/** Heads the queries offered for a query no clause holds whole. */
const DID_YOU_MEAN = "是不是要找：";

/**
 * The line offering the queries qs: 是不是要找：保密、保留, each a link to
 * the search page for it; pick, when given, runs on a click (byEnter
 * false) or Enter (true) in place of following the link.
 */
function suggestLine(form: HTMLFormElement, qs: string[], pick?: (q: string, byEnter: boolean) => void): HTMLElement {
  const p = el("p", "search-suggest", DID_YOU_MEAN);
  qs.forEach((q, i) => {
    if (i > 0) p.append("、");
    const a = el("a", "search-suggestion", q);
    a.href = searchPageURL(form, q);
    if (pick) {
      a.addEventListener("click", (e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // a new tab or window: the page
        e.preventDefault();
        pick(q, false);
      });
      // Enter picks it at its keydown, which it cancels (see pick).
      a.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" || e.isComposing || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        pick(q, true);
      });
    }
    p.append(a);
  });
  return p;
}

/** Quotation marks a query may come in, the opening one's closing one. */
const QUOTES: Record<string, string> = { "“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'", "＂": "＂" };

/**
 * The query as the search page names it: trimmed, without quotation
 * marks around it (the summary has its own), and cut to ECHO
 * characters with … (a pasted paragraph would push the results below the
 * fold of a phone). A query longer than the search reads says so.
 */
function named(q: string): { name: string; cut: string } {
  let cps = Array.from(q.trim());
  // Its own quotes around it (“末位淘汰”, pasted so) are not doubled by the
  // summary's: ““末位淘汰””.
  if (cps.length > 2 && QUOTES[cps[0]] === cps[cps.length - 1]) cps = cps.slice(1, -1);
  const name = cps.length > ECHO ? cps.slice(0, ECHO).join("") + "…" : cps.join("");
  // As parseQuery reads it: leading spaces count.
  return { name, cut: Array.from(q.trimEnd()).length > MAX_QUERY ? `只查找了前 ${MAX_QUERY} 个字。` : "" };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Each figure on one line, across its marked and unmarked pieces (figures.ts):
// a phone broke a snippet's 考核得分80⏎分 and 3000⏎元.
function appendSegments(parent: HTMLElement, segs: Segment[]): void {
  appendFigures(parent, segs);
}

function hrefOf(doc: DocRecord): string {
  const u = new URL(doc.url, document.baseURI);
  u.hash = doc.anchor ? encodeURIComponent(doc.anchor) : "";
  return u.href;
}

/** The link of one result: chapter, clause heading, snippet. */
function resultLink(item: Item): HTMLAnchorElement {
  const a = el("a", "search-result");
  a.href = hrefOf(item.doc);
  // Holding the query whole in its sections' path (主要职责 第1条 under
  // 主要职责) is no partial match: the heading shows it marked.
  if (held(item.hit) === 0) a.classList.add("search-result-partial");
  if (item.doc.chapter && item.doc.chapter !== item.doc.heading) a.append(el("span", "search-result-chapter", item.doc.chapter));
  const h = el("span", "search-result-heading");
  appendSegments(h, highlight(item.doc.heading, item.hit.spans, true));
  a.append(h);
  // A doc whose text is its heading (the calculator page's top: its
  // title, see calculatorDocs in searchindex.go) says it once.
  if ((item.doc.text || item.hit.lead) && item.doc.text !== item.doc.heading) {
    const s = el("span", "search-result-snippet");
    appendSegments(s, snippet(item.hit, SNIPPET_WIDTH));
    a.append(s);
  }
  return a;
}

function searchPageURL(form: HTMLFormElement, q: string): string {
  const u = new URL(form.getAttribute("action") || "search/", document.baseURI);
  u.search = "";
  u.searchParams.set("q", q);
  return u.href;
}

let boxes = 0;

/**
 * Where focus was when / or Ctrl+K took it to a search box: Escape in the
 * box (its dropdown closed) goes back there, so the reader goes on from
 * where they were, not from the top of the page. Leaving the box any
 * other way forgets it.
 */
let returnFocus: HTMLElement | null = null;

/** Wires one search form: the dropdown, its keys and its results. */
function attach(form: HTMLFormElement, input: HTMLInputElement): void {
  const n = ++boxes;
  // The dropdown holds the listbox of results, and around it what is no
  // option (a listbox holds options only): 没有完全匹配 above, 查看全部 or
  // why there are none below.
  const list = el("div", "search-dropdown");
  list.hidden = true;
  // No tab stop of its own: a browser makes a scrolling box focusable, and
  // Tab from the box stopped on the whole list, no option chosen, Enter
  // doing nothing. The options are chosen with the arrow keys from the box
  // (a combobox's); Tab leaves the box, or goes to 是不是要找's links.
  list.tabIndex = -1;
  const listbox = el("div", "search-options");
  listbox.id = `search-dropdown-${n}`;
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "搜索结果");
  // What a screen reader says of the dropdown: one short sentence (the
  // number of results, or why there are none), not the list, which the
  // arrow keys read an option at a time.
  const live = el("p", "visually-hidden");
  live.setAttribute("role", "status");
  form.append(list, live);
  const say = (text: string) => {
    if (live.textContent !== text) live.textContent = text;
  };
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("aria-expanded", "false");
  input.autocomplete = "off";

  let options: HTMLAnchorElement[] = [];
  let active = -1;
  /** Between the keydown and keyup of the Enter that picked an offered term. */
  let picking = false;
  let seq = 0;
  let timer = 0;
  /** The query run() last searched for. */
  let ran: string | null = null;
  /**
   * The box's value the dropdown's content is for: the dropdown shows,
   * and the arrow keys and Enter choose among, only the results of what
   * the box holds (an emptied box showed, and Enter opened, the results
   * of the query it held before).
   */
  let shownFor: string | null = null;
  /** Whether the dropdown's content is for what the box holds now. */
  const current = () => shownFor !== null && shownFor === input.value;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const setActive = (i: number) => {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    options[i].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[i].id);
    options[i].scrollIntoView({ block: "nearest" });
  };
  const show = (q: string, before: Node[], opts: HTMLElement[], after: Node[]) => {
    shownFor = q;
    listbox.replaceChildren(...opts);
    list.replaceChildren(...before, ...(opts.length > 0 ? [listbox] : []), ...after);
    list.hidden = list.childElementCount === 0;
    input.setAttribute("aria-expanded", String(!list.hidden && opts.length > 0));
  };

  /** Empties the dropdown: the box holds nothing to search for. */
  const forget = () => {
    ++seq; // a search under way shows nothing
    options = [];
    close();
    list.replaceChildren();
    shownFor = null;
    say("");
  };
  const run = async () => {
    const q = input.value;
    ran = q;
    const mine = ++seq;
    if (q.trim() === "") {
      forget();
      return;
    }
    let ans: Answer;
    try {
      ans = await ask(q, DROPDOWN_LIMIT);
    } catch (err) {
      if (mine === seq) {
        show(q, [], [], [el("div", "search-status", failure(err))]);
        say(failure(err));
      }
      return;
    }
    if (mine !== seq) return; // a newer query is under way
    options = ans.items.map((item, i) => {
      const a = resultLink(item);
      a.id = `${listbox.id}-${i}`;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      return a;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    const before: Node[] = [];
    const nodes: Node[] = [];
    // No clause holds the query whole (they are listed first): say so.
    const partial = ans.items.length > 0 && held(ans.items[0].hit) === 0;
    if (partial) before.push(el("div", "search-status", PARTIAL));
    // Why there are none is shown and said; 查看全部 is no option: Enter
    // (no option chosen) opens the search page.
    const none = ans.tooShort ? TOO_SHORT : ans.total === 0 ? NOTHING : "";
    if (none) {
      nodes.push(el("div", "search-status", none));
      say(none);
    } else {
      const all = ans.total > options.length ? "，按回车键查看全部" : "";
      say(`${partial ? PARTIAL : ""}共 ${ans.total} 条结果，按上下方向键选择${all}。`);
      if (all) {
        const more = el("a", "search-more", `查看全部 ${ans.total} 条结果`);
        more.href = searchPageURL(form, q);
        more.tabIndex = -1;
        nodes.push(more);
      }
    }
    show(q, before, options, nodes);
    // No clause holds the query whole: offer the queries one character
    // away that some clause does (保秘 → 保密), once the results are shown.
    if (ans.tooShort || (ans.total > 0 && held(ans.items[0].hit) > 0)) return;
    const qs = await suggestions(q);
    if (mine !== seq || qs.length === 0) return;
    const line = suggestLine(form, qs, (s, byEnter) => {
      input.value = s;
      input.focus();
      clearTimeout(timer);
      void run();
      // The Enter that picked it is no Enter in the box: its keypress,
      // which the box now receives (a browser may send it although its
      // keydown was cancelled), does not submit the form.
      if (byEnter) {
        picking = true;
        const done = (e: KeyboardEvent) => {
          if (e.key !== "Enter") return;
          picking = false;
          document.removeEventListener("keyup", done, true);
        };
        document.addEventListener("keyup", done, true);
      }
    });
    // Tab reaches it (the form keeps the dropdown open); Escape there
    // goes back to the box (whose focus shows the dropdown) and closes
    // the dropdown.
    line.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      input.focus();
      close();
    });
    if (ans.total === 0) nodes.push(line);
    else before.unshift(line);
    show(q, before, options, nodes);
    say(`${live.textContent}${line.textContent}。`); // after the count, or why there is none
  };

  // While an input method composes, the box holds the reader's pinyin
  // (or other keys), not yet the words: nothing is searched or fetched for
  // it, however long the reader looks at the candidates, until the words
  // are committed.
  let composing = false;
  const typed = () => {
    clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE_MS);
    // The pause fetches what the search will need, and searches: the
    // results show once that is done, if before the pause is over and the
    // box still holds the query (a word from an input method comes whole).
    // What the search cannot read (one character) waits for the pause.
    const q = input.value;
    const ready = warm(q);
    if (parseQuery(q.slice(0, MAX_QUERY * 4)).length === 0) return;
    void ready.then(() => {
      if (input.value !== q || composing || ran === q) return;
      clearTimeout(timer);
      void run();
    });
  };
  input.addEventListener("compositionstart", () => {
    composing = true;
    clearTimeout(timer);
  });
  input.addEventListener("compositionend", () => {
    composing = false;
    typed();
  });
  input.addEventListener("input", (e) => {
    if (composing || (e as InputEvent).isComposing) {
      clearTimeout(timer);
      return;
    }
    typed();
  });
  input.addEventListener("focus", () => {
    warm("");
    // Changed while the box was left (emptied by Escape, which a search
    // field clears, or by a script): not the results of before.
    if (!current()) {
      if (input.value.trim() === "" && shownFor !== null) forget();
    } else if (input.value.trim() !== "" && list.childElementCount > 0) {
      list.hidden = false;
      input.setAttribute("aria-expanded", String(options.length > 0));
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.isComposing) return; // IME candidate selection
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!current()) {
        // Nothing shown yet: the key is the page's (the search page's
        // Down to its results).
        if (shownFor === null) return;
        // The results of another query: none for the empty box, and the
        // search for what it holds now.
        forget();
        if (input.value.trim() !== "") {
          e.preventDefault();
          clearTimeout(timer);
          void run();
        }
        return;
      }
      if (options.length === 0) return;
      e.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      const d = e.key === "ArrowDown" ? 1 : -1;
      const next = active < 0 ? (d > 0 ? 0 : options.length - 1) : (active + d + options.length) % options.length;
      setActive(next);
    } else if (e.key === "Enter") {
      if (active >= 0 && !list.hidden && options[active] && current()) {
        e.preventDefault();
        // Out of the box first: the page's scroll padding, which keeps a
        // clause of this page from landing under the header, is off while
        // the header's box has the focus (main.css).
        const href = options[active].href;
        input.blur();
        markFollowed(href);
        window.location.assign(href);
      }
      // Otherwise the form submits to the search page.
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else {
        const back = returnFocus;
        returnFocus = null;
        if (back && back.isConnected) back.focus({ preventScroll: true });
        else input.blur();
      }
    }
  });
  form.addEventListener("focusout", (e) => {
    const to = (e as FocusEvent).relatedTarget as Node | null;
    if (!to || !form.contains(to)) {
      close();
      returnFocus = null;
    }
  });
  // Keep focus in the box while a result is clicked.
  list.addEventListener("mousedown", (e) => e.preventDefault());
  form.addEventListener("submit", (e) => {
    if (input.value.trim() === "" || picking) e.preventDefault();
  });
}

/**
 * Renders the search page's results for ?q=…, PAGE_SIZE at a time.
 *
 * What a screen reader hears is one short sentence in a visually hidden
 * status ("共 33 条结果", then "又显示 13 条"), not the list: the results
 * container is no live region, or every 显示更多 would read all of it
 * again. 显示更多 hides itself once everything is shown, so focus moves to
 * the first result it added (else it would fall to <body>, and the page
 * jumped).
 */
async function renderPage(root: HTMLElement, inputs: HTMLInputElement[]): Promise<void> {
  const q = (new URLSearchParams(window.location.search).get("q") || "").slice(0, MAX_QUERY * 4);
  for (const i of inputs) if (!i.value) i.value = q;
  // The tab, the history and a screen reader arriving on the page name
  // the query, not 搜索 alone for every search.
  const { name, cut } = named(q);
  if (name !== "") document.title = `${name} - ${document.title}`;
  const status = el("p", "search-summary");
  const ol = el("ol", "search-results-list");
  const more = el("button", "search-more-button", "显示更多");
  more.type = "button";
  more.hidden = true;
  // In the page before its text, so that the text is announced.
  const live = el("p", "visually-hidden");
  live.setAttribute("role", "status");
  root.replaceChildren(status, ol, more, live);
  // The arrow keys move through the results as through the box's list:
  // Down from the page's box to the first result (unless the box's own
  // list is open: it went first and took the key), Up from the first back
  // to the box. They did nothing here; Tab went through every link.
  const box = document.querySelector<HTMLInputElement>('form.search-form-page input[name="q"]');
  const results = () => Array.from(ol.querySelectorAll<HTMLAnchorElement>(":scope > li > a"));
  // So does Down with focus on no element: arriving from another page's
  // box (Enter, no result chosen), Down went to scrolling, not to the
  // results the reader was choosing among.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" || e.defaultPrevented || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = document.activeElement;
    const fromBox = box !== null && from === box;
    const fromNothing = (from === null || from === document.body) && !e.shiftKey;
    if (!fromBox && !fromNothing) return;
    const first = results()[0];
    if (!first) return;
    e.preventDefault();
    first.focus();
  });
  ol.addEventListener("keydown", (e) => {
    if ((e.key !== "ArrowDown" && e.key !== "ArrowUp") || e.altKey || e.ctrlKey || e.metaKey) return;
    const all = results();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    e.preventDefault();
    const to = at + (e.key === "ArrowDown" ? 1 : -1);
    if (to < 0) box?.focus();
    else all[Math.min(to, all.length - 1)].focus();
  });
  const say = (text: string) => {
    status.textContent = text;
    live.textContent = text;
  };
  if (q.trim() === "") {
    say("请输入要查找的词语。");
    // The reader came to type a query: into the box, where the page is
    // (focus was on the page's body, and the reader had to click the box).
    const field = box ?? inputs[0];
    if (field && (document.activeElement === null || document.activeElement === document.body)) field.focus({ preventScroll: true });
    return;
  }
  let shown = 0;
  // The first screenful comes first: the page asks for the box's 8 (a
  // phone shows four, a laptop eight), shows them, then fills the rest of
  // its first PAGE_SIZE quietly. Asking for 20 at once waited, before it
  // showed any, for up to 20 doc shards, which the browser fetches six at
  // a time from one server.
  const load = async (limit = shown + PAGE_SIZE, quiet = false) => {
    more.disabled = true;
    let ans: Answer;
    try {
      ans = await ask(q, limit);
    } catch (err) {
      if (!quiet) say(failure(err));
      more.disabled = false;
      return;
    }
    if (ans.tooShort) {
      say(TOO_SHORT);
      return;
    }
    const first = shown === 0;
    const added = ans.items.slice(shown).map((item) => {
      const li = el("li", "search-results-item");
      li.append(resultLink(item));
      return li;
    });
    ol.append(...added);
    shown = ans.items.length;
    more.hidden = shown >= ans.total;
    more.disabled = false;
    if (first) {
      // The results first; then how many of them hold the query whole
      // (listed first), which may need where each term is (Index.whole).
      let whole = -1; // unknown: the total alone
      if (ans.total > 0 && !ans.partial) {
        status.textContent = `“${name}”的结果`;
        try {
          whole = await wholeCount(q);
        } catch {
          /* the total alone */
        }
      }
      const plain = ans.total > 0 && !ans.partial && (whole < 0 || whole === ans.total);
      const text =
        cut +
        (ans.total === 0
          ? `没有找到与“${name}”相关的条款。`
          : plain
            ? `“${name}”共 ${ans.total} 条结果`
            : whole <= 0
              ? `没有完全匹配“${name}”的条款。以下 ${ans.total} 条部分匹配：`
              : `“${name}”共 ${whole} 条完全匹配，另有 ${ans.total - whole} 条部分匹配，列在其后`);
      status.textContent = text;
      // A screen reader hears the count, not the query again, when that is all.
      live.textContent = plain ? `${cut}共 ${ans.total} 条结果` : text;
      // No clause holds the query whole: offer the queries one character
      // away that some clause does (保秘 → 保密), under the summary.
      if (ans.total === 0 || ans.partial || whole === 0) {
        const qs = await suggestions(q);
        const form = document.querySelector<HTMLFormElement>("form.search-form-page") ?? document.querySelector<HTMLFormElement>("form.search-form");
        if (qs.length > 0 && form) {
          // Under 没有找到, above the partial matches' summary.
          const line = suggestLine(form, qs);
          if (ans.total === 0) status.after(line);
          else status.before(line);
          live.textContent = `${live.textContent}${line.textContent}。`;
        }
      }
    } else if (added.length > 0 && !quiet) {
      live.textContent = `又显示 ${added.length} 条`;
      // Into view as little as needed, before the button (focused, maybe)
      // is hidden.
      const a = added[0].querySelector("a");
      a?.focus({ preventScroll: true });
      a?.scrollIntoView({ block: "nearest" });
    }
  };
  more.addEventListener("click", () => void load());
  // Back from a result (or a reload) finds the page as it was left: as
  // many results shown, scrolled where it was, the result followed
  // focused. The page renders after the browser restores its scroll, so it
  // restores it itself, from what the history entry kept (unless the
  // browser kept the page whole, when none of this runs again).
  const was = keptView();
  history.scrollRestoration = "manual";
  const keep = (at: number) => {
    const view: KeptView = { shown, y: window.scrollY, at };
    history.replaceState({ ...(history.state ?? {}), [KEPT]: view }, "");
  };
  ol.addEventListener("click", (e) => {
    const a = (e.target as Element | null)?.closest?.("a");
    keep(a ? Array.from(ol.querySelectorAll("a")).indexOf(a as HTMLAnchorElement) : -1);
  });
  window.addEventListener("pagehide", () => {
    const at = Array.from(ol.querySelectorAll("a")).indexOf(document.activeElement as HTMLAnchorElement);
    keep(at >= 0 ? at : (keptView()?.at ?? -1));
  });
  if (was && was.shown > PAGE_SIZE) {
    await load(was.shown);
  } else {
    await load(DROPDOWN_LIMIT);
    if (shown === DROPDOWN_LIMIT) await load(PAGE_SIZE, true);
  }
  if (was) {
    // At once: the page's smooth scrolling would glide there from the top.
    window.scrollTo({ top: was.y, behavior: "instant" });
    ol.querySelectorAll("a")[was.at]?.focus({ preventScroll: true });
  }
}

/** Where the search page's history entry keeps how it was left. */
const KEPT = "handbookSearch";

/** How the search page was left: results shown, scroll, the result followed (-1: none). */
interface KeptView {
  shown: number;
  y: number;
  at: number;
}

function keptView(): KeptView | null {
  const v = (history.state as Record<string, unknown> | null)?.[KEPT] as KeptView | undefined;
  return v && typeof v.shown === "number" && typeof v.y === "number" && typeof v.at === "number" ? v : null;
}

function isEditable(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}

function init(): void {
  const inputs: HTMLInputElement[] = [];
  for (const form of document.querySelectorAll<HTMLFormElement>("form.search-form")) {
    const input = form.querySelector<HTMLInputElement>('input[name="q"]');
    if (!input) continue;
    attach(form, input);
    inputs.push(input);
  }
  if (inputs.length > 0) {
    document.addEventListener("keydown", (e) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "k" || e.key === "K");
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      // On the search page, the page's own box; elsewhere the header's.
      const page = document.querySelector<HTMLInputElement>('form.search-form-page input[name="q"]');
      const target = page || inputs[0];
      const from = document.activeElement;
      if (from !== target) returnFocus = from instanceof HTMLElement && from !== document.body ? from : null;
      target.focus();
      target.select();
    });
  }
  const root = document.getElementById("search-results");
  if (root) void renderPage(root, inputs);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
else init();
