// The payout calculator of chapter 6, in the page. Mounts on every
//
//   <div class="payout-calculator" data-wasm="…/calculator-HASH.wasm"
//        data-rules="(calculator.Encode text)" data-clause-base="../performance/">
//
// builds the form from the rules, loads the Go engine (WebAssembly) once,
// and recomputes on every keystroke — locally: no request is made when
// calculating, and the only state that leaves the form is the URL fragment
// (#role=sales&score=88&base=3000&dept=exceeded), which never reaches a
// server. No inline styles: every look is a class in calculator.css.
//
// Errors are shown the way a careful form does: a field is checked once the
// reader has typed in it or left it (or the fragment filled it), never
// before; a result is shown only for input without errors.

import { appendFigures } from "./figures";
import { Engine, clauseLabel, describeRules, type FieldError, type Point, type Result, type RoleInfo } from "./calculator-engine";

performance.mark("payout-script");

const SVG = "http://www.w3.org/2000/svg";

type Mode = "total" | "criteria";

interface Form {
  role: HTMLInputElement[];
  roleBox: HTMLElement;
  mode: HTMLInputElement[];
  dept: HTMLInputElement[];
  deptBox: HTMLElement;
  score: HTMLInputElement;
  scoreRow: HTMLElement;
  critBox: HTMLElement;
  critFields: HTMLElement;
  critSum: HTMLElement;
  crits: HTMLInputElement[];
  base: HTMLInputElement;
  errors: Map<string, HTMLElement>;
  general: HTMLElement;
  note: HTMLElement;
  result: HTMLElement;
  chart: HTMLElement;
  status: HTMLElement;
  /** What a screen reader is told of a result: its total, once typing pauses. */
  said: HTMLElement;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An element of text whose figures stay on one line (figures.ts). */
function figured<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text: string): HTMLElementTagNameMap[K] {
  const e = h(tag, cls);
  appendFigures(e, text);
  return e;
}

function s(tag: string, attrs: Record<string, string | number>, cls?: string, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute("class", cls);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmtScore(hundredths: number): string {
  return String(hundredths / 100);
}

function fmtRate(bp: number): string {
  return String(bp / 100) + "%";
}

/** A signed amount of fen with a true minus sign: −44.00. */
function fmtFen(fen: number): string {
  const a = Math.abs(fen);
  return (fen < 0 ? "\u2212" : "") + Math.floor(a / 100) + "." + String(a % 100).padStart(2, "0");
}

function signedRate(bp: number): string {
  if (bp === 0) return "不增不减";
  return (bp > 0 ? "+" : "\u2212") + fmtRate(Math.abs(bp));
}

// Fields go to the engine as typed: it reads numbers the way the command
// line and CSV files do (full-width digits, 3,000, 3000元: Go's
// calculator.Normalize), so the three accept the same text. Only what
// would break the query it reads is replaced, so that the engine reports
// "应为数字" on that field instead of misreading it: "&" anywhere, in a
// criterion score the separators of the criterion list, and in one the
// reader typed "=" (＝) too, which would have the engine read the whole list
// as the name=value pairs a link may give (业绩=50,…).
function clean(v: string): string {
  return v.replace(/&/g, "?");
}

function cleanItem(v: string, typed: boolean): string {
  return v.replace(typed ? /[&,\uFF0C、;\uFF1B=\uFF1D]/g : /[&,\uFF0C、;\uFF1B]/g, "?");
}

// The separators of a criterion list, as calculator.ParseScores reads them.
const listSeps = /[,\uFF0C、;\uFF1B]/;

// The keys of calculator state in a fragment (calculator.ParseQuery).
const stateKeys = ["role", "score", "scores", "base", "dept"];

// A fragment is calculator state when it has key=value pairs and is not
// the ID of an element, so a deep link to a clause (#销售人员奖惩办法.5) on
// the chapter page is left alone.
function fragmentState(hash: string): URLSearchParams | undefined {
  const raw = hash.replace(/^#/, "");
  if (!raw.includes("=")) return undefined;
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // not an ID either way; URLSearchParams reads it
  }
  return document.getElementById(id) ? undefined : new URLSearchParams(raw);
}

/** Query text (values decoded, as the engine reads them) as params, without decoding it again. */
function queryParams(q: string): URLSearchParams {
  return new URLSearchParams(
    q
      .split("&")
      .filter((kv) => kv)
      .map((kv): [string, string] => {
        const i = kv.indexOf("=");
        return i < 0 ? [kv, ""] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
  );
}

/** Params as the engine's query text: values decoded, "&" kept from ending a field. */
function paramsQuery(p: URLSearchParams): string {
  return [...p].map(([k, v]) => k + "=" + clean(v)).join("&");
}

/**
 * Brings a calculator a link points at into view, unless it already is: at
 * once, as a browser goes to a fragment's element. (A smooth scroll ran on
 * while the result and chart grew the calculator, and scroll anchoring
 * carried the page past its top.) Its top goes just below the page's
 * sticky header, however tall that header is: on a phone the header wraps
 * to two rows, taller than the page's scroll-padding, and hid the top of
 * the form (its first question) under it.
 *
 * A page with a banner above the calculator (an old, upcoming or draft
 * revision's: 本页为已废止的 2025.1 版…) keeps it in view: a link to the
 * 2025.1 calculator opened on a phone scrolled past the banner and the
 * lead, to a form that looked in force. The page goes no further than the
 * banner's top when the calculator's first question is then in view too;
 * else (a chapter's calculator, pages below its banner) the calculator is
 * brought into view with the banner's words at its top.
 */
function reveal(root: HTMLElement): void {
  const cover = headerBottom();
  // A calculator under a heading of its own (chapter 6: 估算我的绩效工资)
  // brings the heading up, where a link to a heading or clause puts it:
  // the calculator's top just below the header left its heading under
  // it (y=5 px at 1280, header to 58), and nothing said whose figures
  // the form held.
  const heading = headingOf(root);
  const top = (heading ?? root).getBoundingClientRect().top;
  if (top >= cover && top <= window.innerHeight / 2) return;
  let to = window.scrollY + top - (heading ? Math.max(cover + 8, landing(heading)) : cover + 8);
  const banner = document.querySelector<HTMLElement>("main > .banner:not(.banner-missing)");
  if (banner && banner.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING) {
    const b = banner.getBoundingClientRect().top;
    const keep = Math.max(0, window.scrollY + b - cover - 8);
    if (to > keep) {
      // Where the calculator's top would be in the view, the banner's just below the header.
      if (window.scrollY + top - keep <= window.innerHeight * 0.75) to = keep;
      else if (!root.querySelector(":scope > .pc-banner")) {
        const copy = banner.cloneNode(true) as HTMLElement;
        copy.classList.add("pc-banner");
        copy.removeAttribute("id");
        root.prepend(copy);
      }
    }
  }
  if (Math.abs(to - window.scrollY) >= 1) window.scrollTo({ top: to, behavior: "instant" });
}

/** The heading that names the section a calculator is the form of (aria-labelledby), if any. */
function headingOf(root: HTMLElement): HTMLElement | null {
  const id = root.closest("section[aria-labelledby]")?.getAttribute("aria-labelledby");
  return id ? document.getElementById(id) : null;
}

/**
 * Where a link to el would put its top, from the top of the view: the
 * page's scroll padding and el's scroll margin, as the browser goes to a
 * fragment (calculator.css gives the calculator's heading the margin a
 * linked heading, :target, has on a phone).
 */
function landing(el: HTMLElement): number {
  const px = (v: string) => parseFloat(v) || 0;
  return px(getComputedStyle(document.documentElement).scrollPaddingTop) + px(getComputedStyle(el).scrollMarginTop);
}

/**
 * Runs fn once the document's scripts have run (DOMContentLoaded), or at
 * once if they have.
 */
function afterLoaded(fn: () => void): void {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (document.readyState === "complete" || (nav?.domContentLoadedEventEnd ?? 0) > 0) fn();
  else document.addEventListener("DOMContentLoaded", fn, { once: true });
}

/** Where a sticky or fixed header at the top of the view ends (0 if none). */
function headerBottom(): number {
  let bottom = 0;
  for (let e = document.elementFromPoint(window.innerWidth / 2, 1); e && e !== document.body; e = e.parentElement) {
    const pos = getComputedStyle(e).position;
    if (pos === "sticky" || pos === "fixed") bottom = Math.max(bottom, e.getBoundingClientRect().bottom);
  }
  return bottom;
}

function mount(root: HTMLElement, id: string): void {
  const wasmURL = root.dataset.wasm ?? "";
  const encoded = root.dataset.rules ?? "";
  const clauseBase = root.dataset.clauseBase ?? "";
  const roles = describeRules(encoded);
  root.replaceChildren();
  root.classList.add("pc");
  if (!roles.length) {
    root.append(h("p", "pc-status pc-status-error", "计算器缺少规则数据，无法计算。下方规则表仍可查阅。"));
    return;
  }
  // With the calculator running, the rules table below it folds away (it
  // stays open without JavaScript), unless a link points to it (a search
  // result for a word of the rules: #规则一览).
  const table = root.parentElement?.querySelector<HTMLDetailsElement>("details.rules-table");
  if (table) {
    const pointed = () => {
      try {
        return table.id !== "" && decodeURIComponent(location.hash.slice(1)) === table.id;
      } catch {
        return false;
      }
    };
    table.open = pointed();
    window.addEventListener("hashchange", () => {
      if (pointed()) table.open = true;
    });
    // On paper the form is hidden (calculator.css). A result prints with
    // its steps and chart on one page, and the rules below it only if the
    // reader opened them (forced open, they filled two more pages and
    // the chart was not printed); without a result the rules print in full.
    let openedForPaper = false;
    window.addEventListener("beforeprint", () => {
      openedForPaper = !table.open && root.dataset.state !== "result";
      if (openedForPaper) table.open = true;
    });
    window.addEventListener("afterprint", () => {
      if (openedForPaper) table.open = false;
      openedForPaper = false;
    });
  }

  const f = buildForm(root, id, roles);
  // The chapter's link to the calculator's own page (在单独页面打开计算器)
  // carries the form's fragment: it led to a bare form, the values the
  // reader had entered left behind.
  const more = root.parentElement?.querySelector<HTMLAnchorElement>(".calc-more a") ?? null;
  let engine: Engine | undefined;
  let first = true;
  // Fields the reader has typed in or left, or the fragment filled: only
  // these show their errors.
  const touched = new Set<string>();
  // What a fragment gave that the form cannot show: a role or department
  // result the rules do not have, criterion scores beyond the role's, a
  // total beside criterion scores. Each is sent to the engine as given, so
  // it is named next to its field and no result is shown, until the reader
  // changes that field (never replaced by a default in silence).
  // A key given twice (its later values, in repeat) is sent as given too,
  // and named at its field until the reader changes that field.
  let linked: { role?: string; dept?: string; extra?: string[]; total?: string; repeat?: [string, string][] } = {};
  // Whether the reader has changed the form since it was filled from a
  // link (then a link's spelling is no longer the engine's to rewrite).
  let edited = false;
  // Criterion fields the reader has typed in since the form was filled;
  // the others hold what a link gave, which goes to the engine as given.
  const typed = new Set<string>();
  const unrepeat = (...keys: string[]) => {
    if (linked.repeat) linked.repeat = linked.repeat.filter(([k]) => !keys.includes(k));
  };

  // The role whose fields the form shows: the one chosen, else the first
  // (a link that gave none leaves the choice empty, and the fields are
  // still there to fill).
  const currentRole = (): RoleInfo => roles.find((r) => r.id === picked(f.role)) ?? roles[0];
  const defaultDept = (role: RoleInfo): string => (role.depts.find((d) => d.rate === 0) ?? role.depts[0])?.result ?? "";
  const mode = (): Mode => (picked(f.mode) === "criteria" ? "criteria" : "total");

  // The criterion scores each role's fields held when the reader switched
  // to another role, given back when they switch back: a mistaken tap on
  // the other role cost every score typed (the roles' criteria differ, so
  // the fields are made anew). A link or a fresh form forgets them.
  const kept = new Map<string, string[]>();
  let shownRole = "";

  // keep.dept is the result to choose ("" none), else the one chosen
  // stays, or the role's default if the role has no such result.
  const fillRole = (keep: { scores?: string[]; dept?: string } = {}) => {
    const role = currentRole();
    shownRole = role.id;
    f.critFields.replaceChildren();
    for (const k of Array.from(touched)) if (k.startsWith("scores")) touched.delete(k);
    f.crits = role.criteria.map((c, i) => {
      const input = h("input", "pc-input");
      input.id = `${id}-scores-${i}`;
      input.dataset.field = `scores.${i}`;
      setNumeric(input, "0–" + fmtScore(c.max), "next"); // the base follows the last one
      input.value = keep.scores?.[i] ?? "";
      f.critFields.append(fieldRow(f, input, `scores.${i}`, c.name, "分", "满分 " + fmtScore(c.max) + " 分"));
      return input;
    });
    f.critFields.append(errorSlot(f, "scores"));
    // None chosen stays none (a link that gave no result, then a role
    // chosen): a default put there would compute a result in silence.
    const prev = keep.dept ?? picked(f.dept);
    const want = prev === "" || role.depts.some((d) => d.result === prev) ? prev : defaultDept(role);
    f.dept.splice(0).forEach((d) => d.closest("label")?.remove());
    const opts = f.deptBox.querySelector<HTMLElement>(".pc-seg-options")!;
    opts.className = "pc-seg-options pc-seg-" + role.depts.length;
    for (const d of role.depts) {
      const input = segment(opts, `${id}-dept`, d.result, d.name, signedRate(d.rate));
      input.checked = linked.dept === undefined && d.result === want;
      f.dept.push(input);
    }
  };

  const showMode = () => {
    const crit = mode() === "criteria";
    f.critBox.hidden = !crit;
    f.scoreRow.hidden = crit;
  };

  const roleId = (): string => linked.role ?? picked(f.role);
  const deptId = (): string => linked.dept ?? picked(f.dept);
  // The form as key=value pairs: each value through enc, each criterion
  // score through encItem (typed: the reader typed it; else a link gave it).
  const pairs = (enc: (v: string) => string, encItem: (v: string, typed: boolean) => string): string[] => {
    const p = ["role=" + enc(roleId())];
    if (mode() === "criteria") {
      const items = [...f.crits.map((c) => encItem(c.value, typed.has(c.dataset.field ?? ""))), ...(linked.extra ?? []).map((v) => encItem(v, false))];
      p.push("scores=" + items.join(","));
      if (linked.total !== undefined) p.push("score=" + enc(linked.total));
    } else p.push("score=" + enc(f.score.value));
    p.push("base=" + enc(f.base.value), "dept=" + enc(deptId()));
    for (const [k, v] of linked.repeat ?? []) p.push(k + "=" + enc(v));
    return p;
  };
  const query = (): string => pairs(clean, cleanItem).join("&");
  const encode = (v: string) => encodeURIComponent(v.trim());
  const fragment = (): string => "#" + pairs(encode, encode).join("&");

  // The fragment follows the form after a short pause in typing, so the
  // history entry is not rewritten on every keystroke. replaceState makes
  // no request and adds no history entry; the query string is never used.
  let fragTimer: ReturnType<typeof setTimeout> | undefined;
  const writeFragment = () => {
    clearTimeout(fragTimer);
    // The rewritten fragment keeps only what the form holds.
    f.note.hidden = true;
    // The chapter's link to the calculator's own page carries the form
    // at once (the fragment is written after the pause).
    if (more) more.hash = fragment();
    fragTimer = setTimeout(() => {
      const frag = fragment();
      if (frag !== location.hash) history.replaceState(history.state, "", frag);
    }, 250);
  };

  // A fragment determines the whole form: what it leaves out is as on a
  // fresh load (the total score, empty fields), whatever the form held
  // before, except the two choices: a role or a department result it
  // leaves out is left unchosen, named as an empty choice is, and nothing
  // is computed until the reader chooses (#role=sales&score=88&base=3000
  // showed 2640.00 with 完成 chosen for the link, #score=88&… a 销售人员's
  // pay, with nothing in the link or the form saying so). Only a fragment
  // without any of the calculator's keys is a fresh form, its first role
  // and default result chosen.
  const prefill = (p = new URLSearchParams()) => {
    linked = {};
    kept.clear();
    edited = false;
    touched.clear();
    typed.clear();
    const fresh = !stateKeys.some((k) => p.has(k));
    const role = p.get("role") || null;
    const known = roles.some((r) => r.id === role);
    if (role !== null && !known) linked.role = role;
    f.role.forEach((r, i) => (r.checked = known ? r.value === role : fresh && i === 0));
    // An empty scores= is none given, as the engine reads it (score=88 beside it was dropped).
    const scores = p.get("scores")?.trim() ? p.get("scores") : null;
    for (const x of f.mode) x.checked = x.value === (scores !== null ? "criteria" : "total");
    const dept = p.get("dept") || "";
    if (dept && !currentRole().depts.some((d) => d.result === dept)) linked.dept = dept;
    const list = scores?.split(listSeps);
    const n = currentRole().criteria.length;
    if (list && list.length > n) linked.extra = list.slice(n);
    if (scores !== null && p.has("score")) linked.total = p.get("score") ?? "";
    linked.repeat = stateKeys.flatMap((k) => p.getAll(k).slice(1).map((v): [string, string] => [k, v]));
    fillRole({ scores: list?.slice(0, n), dept: dept || (fresh ? defaultDept(currentRole()) : "") });
    f.score.value = p.get("score") ?? "";
    f.base.value = p.get("base") ?? "";
    showMode();
    // What the link filled is checked at once; a field it left out or
    // empty (#role=sales&score=150, or base= as the form writes an empty
    // field) stays quiet until the reader uses it, as on a fresh form.
    const given = (v: string | null | undefined) => v != null && v.trim() !== "";
    if (given(p.get("base"))) touched.add("base");
    if (scores !== null) list?.slice(0, n).forEach((v, i) => given(v) && touched.add(`scores.${i}`));
    else if (given(p.get("score"))) touched.add("score");
    // A key the calculator does not know is named, not dropped in silence;
    // a value without a key (=3000) by itself, an empty pair (#=&) not at all.
    const unknown = [...new Set([...p].filter(([k, v]) => !stateKeys.includes(k) && (k || v)).map(([k, v]) => k || "=" + v))];
    f.note.textContent = unknown.length
      ? `链接中的${unknown.map((k) => "“" + k + "”").join("、")}不是计算器的参数，已忽略（可用 ${stateKeys.join("、")}）。`
      : "";
    f.note.hidden = !unknown.length;
  };

  const isShown = (field: string): boolean => {
    if (field === "scores") return f.crits.some((_, i) => touched.has(`scores.${i}`));
    if (field === "score" || field === "base" || field.startsWith("scores.")) return touched.has(field);
    return true; // role, dept, and anything the form has no field for
  };

  const chart = new Chart(f.chart);
  // The first result after loading is put on screen before the chart is
  // drawn: the chart (the curve, four more engine calls, a few hundred SVG
  // nodes) waits until the total has been painted. Later updates draw both
  // at once — one keystroke's whole work is about a millisecond.
  let chartLater = false;
  let chartTask = 0;
  // The total (or what is wrong) is said once the reader pauses: the
  // result card (600 characters) changes on every keystroke and is no
  // live region.
  let sayTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => {
      if (f.said.textContent !== text) f.said.textContent = text;
    }, text ? 700 : 0);
  };

  const update = (write: boolean) => {
    if (!engine) return;
    const eng = engine;
    if (write) writeFragment();
    const q = query();
    const { result, errors = [] } = engine.compute(q);
    const shown = errors.filter((e) => isShown(e.field));
    showErrors(f, shown);
    if (result) {
      renderResult(f.result, result, clauseBase, currentRole());
      root.dataset.state = "result";
      say(`本月应发绩效工资 ${result.total} 元`);
    } else {
      const msg = shown.length
        ? "请按上面的提示更正输入，即可看到计算结果。"
        : mode() === "criteria"
          ? "填写各项考核得分和当月绩效工资，即可看到本月应发的绩效工资。"
          : "填写考核得分和当月绩效工资，即可看到本月应发的绩效工资。";
      f.result.replaceChildren(h("p", "pc-placeholder", msg));
      root.dataset.state = shown.length ? "invalid" : "incomplete";
      // What is wrong is said too, once typing pauses: beside the field it
      // is only read when the field is focused again, and a reader who
      // typed a bad value heard nothing at all.
      say(shown.map((e) => e.message).join("；"));
    }
    f.critSum.textContent = result && mode() === "criteria" ? `合计 ${result.score} 分（满分 100 分）` : "";
    if (result && first) {
      first = false;
      performance.mark("payout-first-result");
    }
    const baseOK = !errors.some((e) => e.field === "base");
    // The curve needs the role, the base and the department result: the
    // chart says which of them is missing or wrong.
    const choiceBad = errors.some((e) => e.field === "role" || e.field === "dept");
    const role = currentRole();
    const baseTyped = f.base.value.trim() !== "" || touched.has("base");
    // A choice a link left out is to be made, not corrected.
    const unchosen = !roleId() ? (!deptId() ? "岗位和部门业绩目标" : "岗位") : !deptId() ? "部门业绩目标" : "";
    const drawChart = () => {
      const why = choiceBad
        ? (unchosen ? "选择" + unchosen : "更正岗位和部门业绩目标") + "后，这里显示绩效工资随考核得分变化的图。"
        : baseTyped
          ? "填写有效的当月绩效工资后，这里显示绩效工资随考核得分变化的图。"
          : "填写当月绩效工资后，这里显示绩效工资随考核得分变化的图。";
      chart.draw(baseOK && !choiceBad ? curveOf(eng, role, q) : undefined, result, role, why);
      if (!performance.getEntriesByName("payout-chart").length) performance.mark("payout-chart");
    };
    const token = ++chartTask;
    if (chartLater) {
      chartLater = false;
      afterPaint(() => {
        if (token === chartTask) drawChart(); // not if a newer update drew it
      });
    } else drawChart();
    root.dispatchEvent(new CustomEvent("payout:result", { detail: { result, errors } }));
  };

  f.role.forEach((r) =>
    r.addEventListener("change", () => {
      linked.role = linked.extra = undefined;
      unrepeat("role", "scores");
      edited = true;
      if (shownRole) kept.set(shownRole, f.crits.map((c) => c.value));
      const back = kept.get(currentRole().id) ?? [];
      fillRole({ scores: back });
      // What the reader typed there before is theirs, checked as typed.
      back.forEach((v, i) => v.trim() && (touched.add(`scores.${i}`), typed.add(`scores.${i}`)));
      update(true);
    }),
  );
  f.mode.forEach((m) =>
    m.addEventListener("change", () => {
      linked.extra = linked.total = undefined;
      unrepeat("score", "scores");
      edited = true;
      showMode();
      update(true);
    }),
  );
  root.addEventListener("change", (e) => {
    if (e.target instanceof HTMLInputElement && e.target.name === `${id}-dept`) {
      linked.dept = undefined;
      unrepeat("dept");
      edited = true;
      update(true);
    }
  });
  root.addEventListener("input", (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.dataset.field) {
      touched.add(t.dataset.field);
      typed.add(t.dataset.field);
      edited = true;
      unrepeat(t.dataset.field.replace(/\..*/, ""));
      if (t.dataset.field.startsWith("scores")) linked.extra = linked.total = undefined;
      if (t.dataset.field === "score") linked.total = undefined;
      update(true);
    }
  });
  // Leaving a field checks what it holds. An empty field the reader has
  // not typed in stays quiet, as one a link left out does (a keyboard
  // reader tabbing through the form was told 请填写考核得分 and 请填写绩效工资
  // for fields passed on the way), until it is emptied or the reader asks
  // for the result: Enter where it goes to no next field (the base's 完成).
  root.addEventListener("focusout", (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.dataset.field && !touched.has(t.dataset.field) && t.value.trim() !== "") {
      touched.add(t.dataset.field);
      update(false);
    }
  });
  root.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key !== "Enter" || e.isComposing || e.defaultPrevented || !(t instanceof HTMLInputElement) || !t.dataset.field) return;
    for (const i of root.querySelectorAll<HTMLInputElement>("input.pc-input")) {
      if (i.dataset.field && i.offsetParent !== null) touched.add(i.dataset.field);
    }
    update(false);
  });
  // A link as the form spells it: the engine rewrites the role, the
  // department result and criterion scores as the command line spells
  // them (销售人员, 业绩=50,…); before it loads, or with nothing to
  // rewrite, the link as given.
  const fromLink = (p: URLSearchParams): URLSearchParams => {
    if (!engine) return p;
    const raw = paramsQuery(p);
    const canon = engine.canonical(raw);
    return canon === raw ? p : queryParams(canon);
  };
  window.addEventListener("hashchange", () => {
    const p = fragmentState(location.hash);
    if (p && location.hash !== fragment()) {
      prefill(fromLink(p));
      update(false);
      reveal(root);
    }
    if (p && more) more.hash = location.hash;
  });

  const linkState = fragmentState(location.hash);
  prefill(linkState);
  if (linkState && more) more.hash = location.hash;
  // A shared link lands on the calculator, wherever it is in the page,
  // once the page's own script has folded the lists above the text on a
  // phone (main.ts runs after this one): measured before, the banner and
  // the calculator were 350 px lower than they came to be, and the page
  // kept a scroll that hid the banner.
  if (linkState) afterLoaded(() => reveal(root));
  f.status.textContent = "正在载入计算器…";
  f.result.replaceChildren(h("p", "pc-placeholder", "正在载入计算器…"));
  performance.mark("payout-mount");
  loadEngine(wasmURL)
    .then((e) => {
      e.setRules(encoded);
      performance.mark("payout-rules");
      engine = e;
      // The link filled the form as given; now it is read as the form
      // spells it, unless the reader has changed the form since.
      const link = edited ? undefined : fragmentState(location.hash);
      const canon = link && fromLink(link);
      if (canon !== link) prefill(canon);
      f.status.textContent = "";
      f.status.hidden = true;
      root.dataset.ready = "true";
      chartLater = true;
      update(false);
    })
    .catch((err: unknown) => {
      f.status.classList.add("pc-status-error");
      f.status.textContent =
        "计算器无法载入（" + (err instanceof Error ? err.message : String(err)) + "）。" +
        (location.protocol === "file:" ? "请通过网站地址（http/https）打开本页。" : "请检查网络后刷新页面。") +
        "下方规则表仍可查阅。";
      f.result.replaceChildren();
      if (table) table.open = true;
      root.dataset.state = "error";
    });
}

/**
 * Runs fn once the total (elementtiming="payout-total") is on screen, as
 * the browser reports it, or else after the next frame (in a hidden page,
 * or with the total out of view: soon). Drawing the chart any earlier —
 * right after the frame is committed — ran, in traces of a cold tab, while
 * that frame was still being rasterised and presented, on the same two
 * cores as V8's background tier-up of the module.
 */
function afterPaint(fn: () => void): void {
  let done = false;
  let obs: PerformanceObserver | undefined;
  const run = () => {
    if (!done) {
      done = true;
      obs?.disconnect();
      fn();
    }
  };
  if (PerformanceObserver.supportedEntryTypes?.includes("element")) {
    obs = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === "payout-total")) run();
    });
    obs.observe({ type: "element", buffered: true });
  } else {
    // A frame is painted after its requestAnimationFrame callbacks; a task
    // queued from one runs after that paint.
    requestAnimationFrame(() => setTimeout(run, 0));
  }
  setTimeout(run, document.visibilityState === "hidden" ? 50 : 500);
}

/** The value of the option chosen, or "" when none is. */
function picked(inputs: HTMLInputElement[]): string {
  return inputs.find((i) => i.checked)?.value ?? "";
}

function setNumeric(input: HTMLInputElement, placeholder: string, enter: string): void {
  input.type = "text";
  input.inputMode = "decimal";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.placeholder = placeholder;
  input.enterKeyHint = enter;
}

function errorSlot(f: Form, field: string, input?: HTMLElement): HTMLElement {
  const e = h("p", "pc-error");
  e.id = `${f.general.id.replace(/-general$/, "")}-${field.replace(".", "-")}-error`;
  e.hidden = true;
  if (input) {
    const hint = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", hint ? hint + " " + e.id : e.id);
    e.dataset.for = input.id;
  }
  f.errors.set(field, e);
  return e;
}

/** A labelled text field: label, input with its unit, hint, error. */
function fieldRow(f: Form, input: HTMLInputElement, field: string, label: string, unit: string, hint?: string, row: HTMLElement = h("div", "pc-field")): HTMLElement {
  const l = h("label", "pc-label", label);
  l.htmlFor = input.id;
  const control = h("div", "pc-control");
  control.append(input, h("span", "pc-unit", unit));
  row.append(l, control);
  if (hint) {
    const p = h("p", "pc-hint", hint);
    p.id = input.id + "-hint";
    input.setAttribute("aria-describedby", p.id);
    row.append(p);
  }
  row.append(errorSlot(f, field, input));
  return row;
}

/** One option of a segmented control (a radio button styled as a segment). */
function segment(into: HTMLElement, name: string, value: string, label: string, sub?: string): HTMLInputElement {
  const l = h("label", "pc-seg-option");
  const input = h("input", "pc-seg-input");
  input.type = "radio";
  input.name = name;
  input.value = value;
  const text = h("span", "pc-seg-text", label);
  l.append(input, text);
  // A pause between the name and its rate for a screen reader, which
  // read the two lines as one word (完成不增不减); hidden on screen.
  if (sub) l.append(h("span", "visually-hidden", "，"), h("span", "pc-seg-sub", sub));
  into.append(l);
  return input;
}

function segGroup(legend: string, name: string, items: { value: string; label: string }[], into: HTMLInputElement[]): HTMLFieldSetElement {
  const fs = h("fieldset", "pc-group");
  fs.append(h("legend", "pc-legend", legend));
  const opts = h("div", "pc-seg-options pc-seg-" + items.length);
  items.forEach((it, i) => {
    const input = segment(opts, name, it.value, it.label);
    input.checked = i === 0;
    into.push(input);
  });
  fs.append(opts);
  return fs;
}

function buildForm(root: HTMLElement, id: string, roles: RoleInfo[]): Form {
  const form = h("form", "pc-form");
  form.noValidate = true;
  form.addEventListener("submit", (e) => e.preventDefault());
  // The key a phone labels 下一项 (enterkeyhint="next") goes to the next
  // field, as it says; the form has no submit button, so Enter did nothing.
  form.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key !== "Enter" || e.isComposing || !(t instanceof HTMLInputElement) || t.enterKeyHint !== "next") return;
    const fields = Array.from(form.querySelectorAll<HTMLInputElement>("input.pc-input")).filter((i) => i.offsetParent !== null);
    const next = fields[fields.indexOf(t) + 1];
    if (next) {
      e.preventDefault();
      next.focus();
      next.select();
    }
  });
  const status = h("p", "pc-status");
  status.setAttribute("role", "status");
  const general = h("p", "pc-error pc-error-general");
  general.id = `${id}-general`;
  general.hidden = true;

  const f: Form = {
    role: [],
    roleBox: h("div"),
    mode: [],
    dept: [],
    deptBox: h("fieldset", "pc-group"),
    score: h("input", "pc-input"),
    scoreRow: h("div", "pc-field"),
    critBox: h("fieldset", "pc-group pc-criteria"),
    critFields: h("div", "pc-criteria-fields"),
    critSum: h("p", "pc-crit-sum"),
    crits: [],
    base: h("input", "pc-input"),
    errors: new Map(),
    general,
    note: h("p", "pc-note"),
    result: h("section", "pc-result"),
    chart: h("figure", "pc-chart"),
    status,
    said: h("p", "visually-hidden"),
  };

  f.roleBox = segGroup("岗位", `${id}-role`, roles.map((r) => ({ value: r.id, label: r.name })), f.role);
  f.roleBox.append(errorSlot(f, "role"));
  const modeBox = segGroup("得分填写方式", `${id}-mode`, [
    { value: "total", label: "考核总分" },
    { value: "criteria", label: "分项得分" },
  ], f.mode);

  f.score.id = `${id}-score`;
  f.score.dataset.field = "score";
  setNumeric(f.score, "0–100", "next");
  fieldRow(f, f.score, "score", "考核得分", "分", "满分 100 分，可保留两位小数", f.scoreRow);

  f.critBox.append(h("legend", "pc-legend", "各项考核得分"), f.critFields, f.critSum);
  f.critSum.setAttribute("aria-live", "polite");

  f.base.id = `${id}-base`;
  f.base.dataset.field = "base";
  setNumeric(f.base, "如 3000", "done");
  const baseRow = fieldRow(f, f.base, "base", "当月绩效工资", "元", "按档计算前的绩效工资基数");

  f.deptBox.append(h("legend", "pc-legend", "部门业绩目标"), h("div", "pc-seg-options"), errorSlot(f, "dept"));

  f.note.hidden = true;
  f.note.setAttribute("role", "status");
  form.append(f.roleBox, modeBox, f.scoreRow, f.critBox, baseRow, f.deptBox, general, f.note);
  f.result.setAttribute("aria-label", "计算结果");
  f.said.setAttribute("role", "status");
  root.append(status, form, f.result, f.said, f.chart);
  return f;
}

function showErrors(f: Form, errors: FieldError[]): void {
  const text = new Map<HTMLElement, string[]>();
  for (const err of errors) {
    const slot = f.errors.get(err.field) ?? f.general;
    text.set(slot, [...(text.get(slot) ?? []), err.message]);
  }
  for (const slot of [...f.errors.values(), f.general]) {
    const msgs = text.get(slot);
    const t = msgs ? msgs.join("；") : "";
    if (slot.textContent !== t) slot.textContent = t;
    slot.hidden = !msgs;
    const input = slot.dataset.for ? document.getElementById(slot.dataset.for) : null;
    if (input) {
      if (msgs) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}

function renderResult(box: HTMLElement, r: Result, clauseBase: string, role: RoleInfo): void {
  const card = h("div", "pc-card");
  const head = h("div", "pc-total");
  const value = h("p", "pc-total-figure");
  // The class says how long the figure is, for its font to fit (calculator.css).
  const total = h("span", "pc-total-value pc-total-" + Math.min(13, Math.max(7, r.total.length)), r.total);
  // Element Timing: the browser reports when the total is first painted.
  total.setAttribute("elementtiming", "payout-total");
  value.append(total, h("span", "pc-total-unit", "元"));
  head.append(h("p", "pc-total-label", "本月应发绩效工资"), value);

  const facts = h("dl", "pc-facts");
  const fact = (k: string, v: string) => {
    const d = h("div", "pc-fact");
    d.append(h("dt", undefined, k), h("dd", undefined, v));
    facts.append(d);
  };
  // Whose calculation it is: a printed result (the form is not printed)
  // said the score and the tier, not the role they are the tiers of.
  fact("岗位", r.role_name);
  fact("考核得分", r.score + " 分");
  fact("所在分档", r.tier.label + " 分");
  fact("发放比例", r.rate);
  fact("部门业绩目标", r.dept_name + " " + signedRate(r.dept_rate_bp ?? 0));

  // A score between the ranges the text writes (94.5: the text has 90–94
  // and 95–100) is in the tier the rules file reads it in; its step says
  // where that tier ends, or "90–94" would not seem to hold the score. The
  // command line says it in the same words (Go's Result.Readings, which
  // the module leaves out for its size; an e2e test holds the two alike).
  const tier = role.tiers[r.tier.index], next = role.tiers[r.tier.index + 1];
  const between = tier && next && r.score_hundredths > tier.max;
  const steps = h("ol", "pc-steps");
  for (const st of r.steps) {
    const li = h("li", "pc-step");
    const colon = st.text.indexOf("：");
    // Figures are kept on one line (figures.ts): a 360 px phone broke
    // 落在 60–⏎89 分档 and 95–100⏎分档.
    const text = h("p", "pc-step-text");
    if (colon > 0) {
      const calc = h("span", "pc-step-calc");
      appendFigures(text, st.text.slice(0, colon + 1));
      appendFigures(calc, st.text.slice(colon + 1));
      text.append(calc);
    } else appendFigures(text, st.text);
    li.append(text);
    if (between && st.clause === r.tier.clause && st.amount_fen === r.pay_fen) {
      li.append(
        figured(
          "p",
          "pc-step-note",
          `${r.score} 分在 ${r.tier.label} 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（${fmtScore(tier.min)} 分以上、不满 ${fmtScore(next.min)} 分），故属于此档。`,
        ),
      );
    }
    if (st.clause) {
      const a = h("a", "pc-clause", clauseLabel(st.clause, role.clausePrefix));
      a.href = clauseBase + "#" + encodeURIComponent(st.clause);
      a.title = "查看原文：" + clauseLabel(st.clause);
      li.append(a);
    }
    steps.append(li);
  }
  card.append(head, facts, h("p", "pc-steps-title", "计算过程"), steps, figured("p", "pc-summary", r.summary), figured("p", "pc-rounding", "舍入规则：" + r.rounding));
  box.replaceChildren(card);
}

/** The payout curve for the role, base and dept of q, with each tier's right end. */
function curveOf(engine: Engine, role: RoleInfo, q: string): Seg[] | undefined {
  const rest = q.replace(/&?(score|scores)=[^&]*/g, "");
  const pts = engine.curve(rest);
  if (!pts.length || !("total_fen" in pts[0])) return undefined;
  const points = pts as Point[];
  const segs: Seg[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const a = points[i];
    const b = points[i + 1] ?? a;
    const next = points[i + 2];
    // A tier runs up to the next tier's minimum; its value just below it
    // comes from the engine too (the rules say how 89.99 is paid).
    let x2 = b.score, y2 = b.total_fen;
    if (next && next.score > b.score) {
      const just = engine.compute(rest + "&score=" + fmtScore(next.score - 1)).result;
      x2 = next.score;
      y2 = just ? just.total_fen : b.total_fen;
    }
    segs.push({ x1: a.score, y1: a.total_fen, x2, y2, tier: a.tier, clause: role.tiers[a.tier]?.clause ?? "" });
  }
  return segs;
}

interface Seg {
  x1: number; // hundredths
  y1: number; // fen
  x2: number;
  y2: number;
  tier: number;
  clause: string;
}

/** The SVG chart of payout against score, drawn at the figure's own width so text stays legible on a phone. */
class Chart {
  private last?: [Seg[] | undefined, Result | undefined, RoleInfo, string];
  private width = 0;

  constructor(private fig: HTMLElement) {
    if ("ResizeObserver" in window) {
      new ResizeObserver((entries) => {
        const w = Math.round(entries[entries.length - 1].contentRect.width);
        if (!w || Math.abs(w - this.width) <= 8) return;
        this.width = w;
        if (this.last) this.draw(...this.last);
      }).observe(fig);
    }
  }

  /** Draws the curve, or without one, says why (placeholder). */
  draw(segs: Seg[] | undefined, r: Result | undefined, role: RoleInfo, placeholder: string): void {
    this.last = [segs, r, role, placeholder];
    const fig = this.fig;
    if (!segs) {
      fig.replaceChildren(h("p", "pc-placeholder", placeholder));
      return;
    }
    // The width comes from the ResizeObserver; reading clientWidth on every
    // keystroke would force a layout each time.
    if (!this.width) this.width = Math.round(fig.clientWidth);
    const W = Math.max(280, this.width || 600);
    const narrow = W < 480;
    const maxFen = Math.max(0, ...segs.map((g) => Math.max(g.y1, g.y2)), r ? r.total_fen : 0);
    // A base of 0 pays 0 at every score: the axis has its 0 alone (it
    // had a tick at 0.01 元, a step of the smallest money there is).
    const topFen = maxFen > 0 ? maxFen * 1.1 : 100; // with room for the point's label
    const stepFen = niceStepFen(topFen, narrow ? 4 : 5);
    const ticksY: [number, string][] = [];
    for (let i = 0; i * stepFen <= topFen && (maxFen > 0 || i === 0); i++) ticksY.push([i * stepFen, yLabel(i * stepFen, stepFen, topFen)]);
    // The left margin holds the longest y label whole, on a phone too.
    const L = Math.max(narrow ? 36 : 48, 10 + Math.max(...ticksY.map(([, t]) => textWidth(t, 12)))), R = 14, T = 30;
    const x = scoreAxis(segs, L, W - R);
    // The score labels take as many rows as they need, and the axis title
    // a line of its own below them, so the chart grows downwards.
    const ticksX = xTicks(segs, x, W);
    const rows = Math.max(1, ...ticksX.map((t) => t.row + 1));
    const B = 46 + (rows - 1) * X_ROW;
    const H = (narrow ? 230 : 280) + (rows - 1) * X_ROW;
    const y = (fen: number) => T + (1 - fen / topFen) * (H - T - B);

    let breakMark: SVGElement | undefined;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img" }, "pc-svg");
    // Where the pay jumps: a tier's start above the end of the one below
    // (with a base of 0 the pay is 0 throughout and jumps nowhere).
    const jumps = segs.slice(1).filter((g, i) => g.y1 !== segs[i].y2).map((g) => g.x1);
    const desc = segs.map((g) => `${fmtScore(g.x1)}–${fmtScore(g.x2 === 10000 ? g.x2 : g.x2 - 1)} 分：${fmtFen(g.y1)}${g.y1 === g.y2 ? "" : "–" + fmtFen(g.y2)} 元`).join("；");
    svg.append(s("title", {}, undefined, "绩效工资随考核得分变化图（" + desc + (r ? `；本次 ${r.score} 分，${r.total} 元` : "") + "）"));

    // Tier bands, alternately shaded, so the steps read at a glance.
    segs.forEach((g, i) => {
      if (i % 2 === 1) svg.append(s("rect", { x: x(g.x1), y: T, width: x(g.x2) - x(g.x1), height: y(0) - T }, "pc-band"));
    });
    // Grid and y axis labels (yuan).
    // Ticks are whole fen, so no two read alike; all with the same decimals.
    for (const [v, label] of ticksY) {
      svg.append(s("line", { x1: L, y1: y(v), x2: W - R, y2: y(v) }, v === 0 ? "pc-axis" : "pc-grid"));
      svg.append(s("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, "pc-tick", label));
    }
    svg.append(s("line", { x1: L, y1: T, x2: L, y2: y(0) }, "pc-axis"));
    svg.append(s("text", { x: L - 6, y: T - 12, "text-anchor": "start" }, "pc-axis-label", "绩效工资（元）"));
    // Where the score axis is shortened (scoreAxis), a break mark across
    // the axis and the line on it: a gap and two slashes.
    if (x.squeezed) {
      // Midway, or, with the result's point on the shortened stretch,
      // midway between the point and the farther end of it.
      const a = x(0), b = x(x.squeezed), p = r && r.score_hundredths < x.squeezed ? x(r.score_hundredths) : undefined;
      const bx = p === undefined ? (a + b) / 2 : p - a > b - p ? (a + p) / 2 : (p + b) / 2, by = y(0);
      const mark = s("g", { "data-from": 0, "data-to": x.squeezed }, "pc-break");
      mark.append(
        s("rect", { x: bx - 4, y: by - 7, width: 8, height: 14 }, "pc-break-gap"),
        s("line", { x1: bx - 6, y1: by + 6, x2: bx - 2, y2: by - 6 }),
        s("line", { x1: bx + 2, y1: by + 6, x2: bx + 6, y2: by - 6 }),
      );
      breakMark = mark;
    }

    // x ticks at 0, each tier's start and 100; a label's tick line reaches
    // down to its row.
    for (const t of ticksX) {
      svg.append(s("line", { x1: t.x, y1: y(0), x2: t.x, y2: y(0) + 5 + t.row * X_ROW, "data-score": t.label }, "pc-axis pc-xtick"));
      svg.append(s("text", { x: t.cx, y: y(0) + 17 + t.row * X_ROW, "text-anchor": "middle" }, "pc-tick", t.label));
    }
    svg.append(s("text", { x: W - R, y: H - 4, "text-anchor": "end" }, "pc-axis-label", "考核得分（分）"));

    // The curve: one solid piece per tier, a dashed jump between tiers with
    // an open circle where the lower tier ends and a dot where the next begins.
    segs.forEach((g, i) => {
      svg.append(s("line", { x1: x(g.x1), y1: y(g.y1), x2: x(g.x2), y2: y(g.y2) }, "pc-line"));
      const next = segs[i + 1];
      if (next && next.y1 !== g.y2) {
        svg.append(s("line", { x1: x(next.x1), y1: y(g.y2), x2: x(next.x1), y2: y(next.y1) }, "pc-jump"));
        svg.append(s("circle", { cx: x(next.x1), cy: y(g.y2), r: 3 }, "pc-open"));
        svg.append(s("circle", { cx: x(next.x1), cy: y(next.y1), r: 3 }, "pc-closed"));
      }
    });

    if (breakMark) svg.append(breakMark);

    if (r) {
      const cx = x(r.score_hundredths), cy = y(r.total_fen);
      svg.append(s("line", { x1: cx, y1: cy, x2: cx, y2: y(0) }, "pc-guide"));
      svg.append(s("circle", { cx, cy, r: 5 }, "pc-point"));
      const label = `${r.score} 分：${r.total} 元`;
      const at = placeLabel(curvePieces(segs, x, y), textWidth(label, 13), cx, cy, { left: L, right: W - 2, top: T - 6, bottom: y(0) - 2 });
      svg.append(s("text", { x: at.x, y: at.y, "text-anchor": at.anchor }, "pc-point-label", label));
    }
    const cap = h(
      "figcaption",
      "pc-caption",
      `按当前岗位、绩效工资和部门业绩目标，考核得分 0–100 分对应的应发绩效工资${jumps.length ? `；在 ${jumps.map(fmtScore).join("、")} 分处跳升（虚线）` : ""}${r ? (jumps.length ? "，" : "；") + "红点为本次结果" : ""}。${
        x.squeezed ? `横轴 0–${fmtScore(x.squeezed)} 分一段不按比例，已缩短（折断号处），其余按比例。` : ""
      }`,
    );
    fig.replaceChildren(svg, cap);
  }
}

/**
 * The score axis, from left to right px: linear, except that a first tier
 * that pays the same throughout and spans 30 points or more (0–59: nothing)
 * is shortened to a sixth of the axis (36 px at least), marked by a break
 * on the axis and said in the caption. Linear, 0–60 took three fifths of
 * a phone's chart for a flat line at 0 and left 90–100, where the pay
 * jumps twice, 13 px. A flat stretch loses nothing shortened; the tiers
 * after it keep one scale, so their slopes and steps stay true.
 * squeezed is where the shortened part ends (hundredths), 0 if none.
 */
function scoreAxis(segs: Seg[], left: number, right: number): ((score: number) => number) & { squeezed: number } {
  const first = segs[0];
  const end = segs.length > 1 && first.x1 === 0 && first.y1 === first.y2 && first.x2 >= 3000 && first.x2 < 10000 ? first.x2 : 0;
  const span = right - left;
  const at = end ? Math.max(36, span / 6) : 0;
  const f = (score: number) =>
    score <= end ? left + (score / (end || 1)) * at : left + at + ((score - end) / (10000 - end)) * (span - at);
  return Object.assign(f, { squeezed: end });
}

/** The curve as straight pieces in px (x1, y1, x2, y2): each tier's line, and the jumps between them. */
function curvePieces(segs: Seg[], x: (score: number) => number, y: (fen: number) => number): number[][] {
  const out: number[][] = [];
  segs.forEach((g, i) => {
    out.push([x(g.x1), y(g.y1), x(g.x2), y(g.y2)]);
    const next = segs[i + 1];
    if (next && next.y1 !== g.y2) out.push([x(next.x1), y(g.y2), x(next.x1), y(next.y1)]);
  });
  return out;
}

/**
 * Where the result point's label goes (13 px text, w px wide): beside the
 * point (10 px off, clear of it and of its guide line), right or left,
 * at the place nearest just above it where the label crosses no part of
 * the curve and stays inside box (below the y axis's title). Put just
 * above and to the right whatever lay there, "88 分：2772.00 元" hid the
 * 90–94 step and the jump at 90 of a 1280 px chart.
 */
function placeLabel(pieces: number[][], w: number, cx: number, cy: number, box: { left: number; right: number; top: number; bottom: number }): { x: number; y: number; anchor: string } {
  const pad = 4; // the curve's dots and stroke, and the label's halo
  const clear = (x1: number, y1: number, x2: number, y2: number) =>
    pieces.every(([ax, ay, bx, by]) => {
      const lo = Math.max(x1, Math.min(ax, bx)), hi = Math.min(x2, Math.max(ax, bx));
      if (lo > hi) return true;
      const ys = ax === bx ? [ay, by] : [lo, hi].map((px) => ay + ((by - ay) * (px - ax)) / (bx - ax));
      return Math.max(...ys) < y1 || Math.min(...ys) > y2;
    });
  const want = cy - 10;
  // The nearest place, moved up or down, or sideways past a jump (a point
  // at 30 has the jump at 60 a few px to its right on a phone).
  let best: { x: number; y: number; anchor: string; d: number } | undefined;
  for (let ly = box.top + 12; ly <= box.bottom - 3; ly += 2) {
    for (let shift = 0; shift <= box.right - box.left; shift += 2) {
      const d = Math.abs(ly - want) + shift;
      if (best && d >= best.d) break;
      for (const [x1, anchor] of [[cx + 10 + shift, "start"], [cx - 10 - shift - w, "end"]] as [number, string][]) {
        const x2 = x1 + w;
        if (x1 < box.left || x2 > box.right) continue;
        if (!clear(x1 - pad, ly - 12 - pad, x2 + pad, ly + 3 + pad)) continue;
        best = { x: anchor === "start" ? x1 : x2, y: ly, anchor, d };
        break;
      }
    }
  }
  if (best) return best;
  // Nowhere clear (a chart too small for it): above the point, inside the chart.
  const left = cx + 10 + w > box.right;
  return { x: left ? cx - 10 : cx + 10, y: Math.max(box.top + 12, Math.min(want, box.bottom - 24)), anchor: left ? "end" : "start" };
}

/** The height of a row of score labels under the chart (12 px text). */
const X_ROW = 15;

/**
 * The score axis's labels: at 0, each tier's start and 100, each centred
 * on its tick but kept inside the chart (0 and 100 sit at its edges), in
 * the first row where it clears the label before it by 4 px. Tiers a few
 * points apart on a phone (90, 95, 100 at 390 px) take a second row; at
 * 320 px, a third if need be.
 */
function xTicks(segs: Seg[], x: (score: number) => number, W: number): { x: number; cx: number; label: string; row: number }[] {
  const ticks = Array.from(new Set([0, ...segs.map((g) => g.x1), 10000])).sort((a, b) => a - b);
  const ends: number[] = []; // per row, where its last label ends
  return ticks.map((t) => {
    const label = fmtScore(t);
    const w = textWidth(label, 12);
    const tx = x(t);
    const cx = Math.min(Math.max(tx, w / 2 + 2), W - w / 2 - 2);
    let row = ends.findIndex((end) => cx - w / 2 >= end + 4);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = cx + w / 2;
    return { x: tx, cx, label, row };
  });
}

/**
 * A y-axis label of v fen: whole yuan (3000), yuan and fen for steps below
 * a yuan (0.05), and from 100 000 yuan up, 万 (12万, 2.5万) for every label,
 * so that seven-digit figures do not crowd a phone's chart.
 */
function yLabel(v: number, stepFen: number, topFen: number): string {
  if (v === 0) return "0";
  if (topFen >= 100_000_00 && stepFen % 1_000_00 === 0) return String(Math.round(v / 1_000_00) / 10) + "万";
  return stepFen % 100 === 0 ? String(v / 100) : fmtFen(v);
}

/** About how wide text is in px: CJK characters are square, digits about 0.6 em. */
function textWidth(t: string, px: number): number {
  let w = 0;
  for (const c of t) w += c.charCodeAt(0) > 0x2e80 ? px : c === " " ? px * 0.3 : px * 0.62;
  return w;
}

/**
 * A round step of whole fen (1, 2, 2.5 or 5 times a power of ten, 1 fen
 * at least) dividing 0…top fen into about n parts. (Steps of a fraction of
 * a fen drew labels such as 0.00, 0.00, 0.01 for a base of 0.)
 */
function niceStepFen(top: number, n: number): number {
  if (!(top > 0)) return 1;
  const p = Math.max(1, Math.pow(10, Math.floor(Math.log10(top / n))));
  let best = p;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const st = m * p;
    if (Number.isInteger(st) && Math.abs(top / st - n) < Math.abs(top / best - n)) best = st;
  }
  return best;
}

// One engine per module URL, started as early as this script runs: the
// module's bytes are already on their way (the page preloads them in its
// head), and compiling them need not wait for the form, nor the form for
// them. (Compiling in a worker, off the main thread, was tried twice and
// was slower cold both times: a fresh renderer takes 75–110 ms to run a
// dedicated worker's first statement, and fetch, compile, Go start-up and
// the first result there, with the compiled module posted back for the
// page's own engine, came 1.3–1.5× later than here, render-blocking
// script or not; see calculator/bench/README.md.)
const engines = new Map<string, Promise<Engine>>();
function loadEngine(url: string): Promise<Engine> {
  let p = engines.get(url);
  if (!p) {
    performance.mark("payout-fetch");
    p = Engine.load(fetch(url));
    engines.set(url, p);
  }
  return p;
}

// Last, so every class above is defined when the calculators mount. The
// script is the page's first: it does not wait for the main bundle. The
// module starts compiling at once, and the form is built as soon as the
// parser is done with the page (readyState "interactive"; a deferred module
// script runs then, but an async one may run earlier).
const early = document.querySelector<HTMLLinkElement>('link[rel="preload"][href$=".wasm"]');
const firstWASM = early?.getAttribute("href") ?? document.querySelector<HTMLElement>(".payout-calculator[data-wasm]")?.dataset.wasm;
if (firstWASM) loadEngine(firstWASM).catch(() => undefined);
const mountAll = () => {
  for (const [i, el] of Array.from(document.querySelectorAll<HTMLElement>(".payout-calculator")).entries()) {
    mount(el, "pc" + i);
  }
};
if (document.readyState === "loading") {
  const ready = () => {
    if (document.readyState === "loading") return;
    document.removeEventListener("readystatechange", ready);
    mountAll();
  };
  document.addEventListener("readystatechange", ready);
} else mountAll();
