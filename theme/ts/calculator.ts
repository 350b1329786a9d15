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

import { Engine, describeRules, type FieldError, type Point, type Result, type RoleInfo } from "./calculator-engine";

const SVG = "http://www.w3.org/2000/svg";

for (const [i, el] of Array.from(document.querySelectorAll<HTMLElement>(".payout-calculator")).entries()) {
  mount(el, "pc" + i);
}

type Mode = "total" | "criteria";

interface Form {
  role: HTMLInputElement[];
  mode: HTMLInputElement[];
  score: HTMLInputElement;
  scoreRow: HTMLElement;
  critBox: HTMLElement;
  crits: HTMLInputElement[];
  base: HTMLInputElement;
  dept: HTMLSelectElement;
  errors: Map<string, HTMLElement>;
  general: HTMLElement;
  result: HTMLElement;
  chart: HTMLElement;
  status: HTMLElement;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function s(tag: string, attrs: Record<string, string | number>, cls?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute("class", cls);
  return e;
}

function fmtScore(hundredths: number): string {
  return String(hundredths / 100);
}

function fmtFen(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return (neg ? "-" : "") + Math.floor(a / 100) + "." + String(a % 100).padStart(2, "0");
}

// Characters that would break the query the engine reads; replacing them
// makes the engine report "应为数字" on that field instead of misreading it.
function clean(v: string): string {
  return v.replace(/[&=,\uFF0C、;\uFF1B#]/g, "?");
}

function mount(root: HTMLElement, id: string): void {
  const wasmURL = root.dataset.wasm ?? "";
  const encoded = root.dataset.rules ?? "";
  const clauseBase = root.dataset.clauseBase ?? "";
  const roles = describeRules(encoded);
  root.replaceChildren();
  root.classList.add("pc");
  if (!roles.length) {
    root.append(h("p", "pc-status pc-status-error", "计算器缺少规则数据，无法计算。"));
    return;
  }

  const f = buildForm(root, id, roles);
  let engine: Engine | undefined;
  let first = true;

  const currentRole = (): RoleInfo => roles.find((r) => r.id === checked(f.role)) ?? roles[0];
  const mode = (): Mode => (checked(f.mode) === "criteria" ? "criteria" : "total");

  const fillRole = (keep: { scores?: string[]; dept?: string } = {}) => {
    const role = currentRole();
    f.critBox.replaceChildren();
    f.crits = role.criteria.map((c, i) => {
      const row = h("div", "pc-field");
      const label = h("label", "pc-label", `${c.name}(满分 ${fmtScore(c.max)})`);
      const input = h("input", "pc-input");
      input.id = `${id}-scores-${i}`;
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
      input.value = keep.scores?.[i] ?? "";
      label.htmlFor = input.id;
      const err = errorSlot(f, `scores.${i}`, input);
      row.append(label, input, err);
      f.critBox.append(row);
      return input;
    });
    const groupErr = errorSlot(f, "scores");
    f.critBox.append(groupErr);
    const prev = keep.dept ?? f.dept.value;
    f.dept.replaceChildren();
    for (const d of role.depts) {
      const o = h("option", undefined, d.name);
      o.value = d.result;
      f.dept.append(o);
    }
    if (role.depts.some((d) => d.result === prev)) f.dept.value = prev;
  };

  const showMode = () => {
    const crit = mode() === "criteria";
    f.critBox.hidden = !crit;
    f.scoreRow.hidden = crit;
  };

  const query = (): string => {
    const p: string[] = ["role=" + currentRole().id];
    if (mode() === "criteria") p.push("scores=" + f.crits.map((c) => clean(c.value)).join(","));
    else p.push("score=" + clean(f.score.value));
    p.push("base=" + clean(f.base.value), "dept=" + f.dept.value);
    return p.join("&");
  };

  const fragment = (): string => {
    const enc = (v: string) => encodeURIComponent(v.trim());
    const p = ["role=" + enc(currentRole().id)];
    if (mode() === "criteria") p.push("scores=" + f.crits.map((c) => enc(c.value)).join(","));
    else p.push("score=" + enc(f.score.value));
    p.push("base=" + enc(f.base.value), "dept=" + enc(f.dept.value));
    return "#" + p.join("&");
  };

  // The fragment follows the form after a short pause in typing, so the
  // history entry is not rewritten on every keystroke. replaceState makes
  // no request and adds no history entry; the query string is never used.
  let fragTimer: ReturnType<typeof setTimeout> | undefined;
  const writeFragment = () => {
    clearTimeout(fragTimer);
    fragTimer = setTimeout(() => {
      const frag = fragment();
      if (frag !== location.hash) history.replaceState(history.state, "", frag);
    }, 250);
  };

  const prefill = () => {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const role = p.get("role");
    if (role && roles.some((r) => r.id === role)) for (const r of f.role) r.checked = r.value === role;
    const scores = p.get("scores");
    for (const m of f.mode) m.checked = m.value === (scores !== null ? "criteria" : "total");
    fillRole({ scores: scores?.split(/[,\uFF0C、]/), dept: p.get("dept") ?? undefined });
    if (p.has("score")) f.score.value = p.get("score") ?? "";
    if (p.has("base")) f.base.value = p.get("base") ?? "";
    showMode();
  };

  const update = (write: boolean) => {
    if (!engine) return;
    if (write) writeFragment();
    const q = query();
    const { result, errors } = engine.compute(q);
    showErrors(f, errors ?? []);
    if (result) {
      renderResult(f.result, result, clauseBase);
      root.dataset.state = "result";
    } else {
      f.result.replaceChildren(h("p", "pc-placeholder", "请更正上面标出的输入，即可看到计算结果。"));
      root.dataset.state = "invalid";
    }
    const curve = engine.curve(q.replace(/&?(score|scores)=[^&]*/g, ""));
    renderChart(f.chart, curve, result);
    if (result && first) {
      first = false;
      performance.mark("payout-first-result");
    }
    root.dispatchEvent(new CustomEvent("payout:result", { detail: { result, errors } }));
  };

  f.role.forEach((r) =>
    r.addEventListener("change", () => {
      fillRole({ scores: [] });
      update(true);
    }),
  );
  f.mode.forEach((m) =>
    m.addEventListener("change", () => {
      showMode();
      update(true);
    }),
  );
  root.addEventListener("input", (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === "text") update(true);
  });
  f.dept.addEventListener("change", () => update(true));
  window.addEventListener("hashchange", () => {
    if (location.hash !== fragment()) {
      prefill();
      update(false);
    }
  });

  prefill();
  f.status.textContent = "正在载入计算器…";
  Engine.load(fetch(wasmURL))
    .then((e) => {
      e.setRules(encoded);
      engine = e;
      f.status.textContent = "";
      f.status.hidden = true;
      root.dataset.ready = "true";
      update(false);
    })
    .catch((err: unknown) => {
      f.status.classList.add("pc-status-error");
      f.status.textContent =
        "计算器无法载入（" + (err instanceof Error ? err.message : String(err)) + ")。" +
        (location.protocol === "file:" ? "请通过网站地址（http/https）打开本页。" : "请检查网络后刷新页面。") +
        "下方规则表仍可查阅。";
      root.dataset.state = "error";
    });
}

function checked(inputs: HTMLInputElement[]): string {
  return inputs.find((i) => i.checked)?.value ?? inputs[0]?.value ?? "";
}

function errorSlot(f: Form, field: string, input?: HTMLElement): HTMLElement {
  const e = h("p", "pc-error");
  e.id = `${f.general.id.replace(/-general$/, "")}-${field.replace(".", "-")}-error`;
  e.hidden = true;
  e.setAttribute("aria-live", "polite");
  if (input) input.setAttribute("aria-describedby", e.id);
  f.errors.set(field, e);
  return e;
}

function buildForm(root: HTMLElement, id: string, roles: RoleInfo[]): Form {
  const form = h("form", "pc-form");
  form.noValidate = true;
  form.addEventListener("submit", (e) => e.preventDefault());
  const status = h("p", "pc-status");
  status.setAttribute("role", "status");
  const general = h("p", "pc-error pc-error-general");
  general.id = `${id}-general`;
  general.hidden = true;

  const f: Form = {
    role: [],
    mode: [],
    score: h("input", "pc-input"),
    scoreRow: h("div", "pc-field"),
    critBox: h("div", "pc-criteria"),
    crits: [],
    base: h("input", "pc-input"),
    dept: h("select", "pc-select"),
    errors: new Map(),
    general,
    result: h("section", "pc-result"),
    chart: h("figure", "pc-chart"),
    status,
  };

  const radios = (legend: string, name: string, items: { value: string; label: string }[], into: HTMLInputElement[], field?: string) => {
    const fs = h("fieldset", "pc-fieldset");
    fs.append(h("legend", "pc-legend", legend));
    items.forEach((it, i) => {
      const label = h("label", "pc-choice");
      const input = h("input");
      input.type = "radio";
      input.name = `${id}-${name}`;
      input.value = it.value;
      input.checked = i === 0;
      label.append(input, " " + it.label);
      fs.append(label);
      into.push(input);
    });
    if (field) fs.append(errorSlot(f, field));
    return fs;
  };

  const field = (row: HTMLElement, input: HTMLInputElement | HTMLSelectElement, name: string, label: string, unit?: string) => {
    input.id = `${id}-${name}`;
    if (input instanceof HTMLInputElement) {
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
    }
    const l = h("label", "pc-label", label);
    l.htmlFor = input.id;
    row.append(l, input);
    if (unit) row.append(h("span", "pc-unit", unit));
    row.append(errorSlot(f, name, input));
    return row;
  };

  form.append(
    radios("岗位", "role", roles.map((r) => ({ value: r.id, label: r.name })), f.role, "role"),
    radios("得分填写方式", "mode", [{ value: "total", label: "考核总分" }, { value: "criteria", label: "分项得分" }], f.mode),
    field(f.scoreRow, f.score, "score", "考核得分", "分"),
    f.critBox,
    field(h("div", "pc-field"), f.base, "base", "当月绩效工资", "元"),
    field(h("div", "pc-field"), f.dept, "dept", "部门业绩目标"),
    general,
  );
  f.result.setAttribute("aria-live", "polite");
  f.result.append(h("p", "pc-placeholder", "填写上面的表单即可看到计算结果。"));
  root.append(status, form, f.result, f.chart);
  return f;
}

function showErrors(f: Form, errors: FieldError[]): void {
  for (const e of f.errors.values()) {
    e.hidden = true;
    e.textContent = "";
  }
  f.general.hidden = true;
  for (const el of [f.score, f.base, f.dept, ...f.crits]) el.removeAttribute("aria-invalid");
  for (const err of errors) {
    const slot = f.errors.get(err.field) ?? f.general;
    slot.textContent = slot.textContent ? slot.textContent + " " + err.message : err.message;
    slot.hidden = false;
    const input = document.getElementById(slot.id.replace(/-error$/, ""));
    input?.setAttribute("aria-invalid", "true");
  }
}

function renderResult(box: HTMLElement, r: Result, clauseBase: string): void {
  const total = h("p", "pc-total");
  total.append(h("span", "pc-total-label", "本月应发绩效工资"), h("span", "pc-total-value", r.total), h("span", "pc-unit", "元"));
  const tier = h("p", "pc-tier");
  tier.append(`${r.role_name} · 考核得分 ${r.score} 分 · 落在 ${r.tier.label} 分档 · 发放比例 ${r.rate} · 部门业绩目标${r.dept_name}`);
  const steps = h("ol", "pc-steps");
  for (const st of r.steps) {
    const li = h("li", "pc-step");
    const a = h("a", "pc-clause", "条款 " + st.clause);
    a.href = clauseBase + "#" + encodeURIComponent(st.clause);
    li.append(h("span", "pc-step-text", st.text), " ", a);
    steps.append(li);
  }
  box.replaceChildren(total, tier, steps, h("p", "pc-summary", r.summary), h("p", "pc-rounding", "舍入规则：" + r.rounding));
}

function renderChart(fig: HTMLElement, curve: Point[] | FieldError[], r: Result | undefined): void {
  fig.replaceChildren();
  const pts = curve as Point[];
  if (!pts.length || !("total_fen" in pts[0])) {
    fig.append(h("p", "pc-placeholder", "填写有效的绩效工资后显示绩效工资与得分的关系图。"));
    return;
  }
  const W = 640, H = 280, L = 64, R = 16, T = 16, B = 40;
  const maxFen = Math.max(1, ...pts.map((p) => p.total_fen), r ? r.total_fen : 0);
  const x = (score: number) => L + (score / 10000) * (W - L - R);
  const y = (fen: number) => T + (1 - fen / maxFen) * (H - T - B);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" }, "pc-svg");
  const title = s("title", {});
  title.textContent = "绩效工资随考核得分的变化（0–100 分）";
  svg.append(title);
  svg.append(s("line", { x1: L, y1: y(0), x2: W - R, y2: y(0) }, "pc-axis"));
  svg.append(s("line", { x1: L, y1: T, x2: L, y2: y(0) }, "pc-axis"));
  const ticks = new Set<number>([0, 10000]);
  for (let i = 1; i < pts.length; i++) if (pts[i].tier !== pts[i - 1].tier) ticks.add(pts[i].score);
  for (const t of ticks) {
    svg.append(s("line", { x1: x(t), y1: y(0), x2: x(t), y2: y(0) + 5 }, "pc-axis"));
    const lbl = s("text", { x: x(t), y: H - B + 20, "text-anchor": "middle" }, "pc-tick");
    lbl.textContent = fmtScore(t);
    svg.append(lbl);
  }
  for (const fen of [0, maxFen]) {
    const lbl = s("text", { x: L - 6, y: y(fen) + 4, "text-anchor": "end" }, "pc-tick");
    lbl.textContent = fmtFen(fen);
    svg.append(lbl);
  }
  const xl = s("text", { x: W - R, y: H - 4, "text-anchor": "end" }, "pc-axis-label");
  xl.textContent = "考核得分";
  svg.append(xl);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const cls = a.tier === b.tier ? "pc-line" : "pc-jump";
    svg.append(s("line", { x1: x(a.score), y1: y(a.total_fen), x2: x(b.score), y2: y(b.total_fen) }, cls));
  }
  if (r) {
    const cx = x(r.score_hundredths), cy = y(r.total_fen);
    svg.append(s("line", { x1: cx, y1: cy, x2: cx, y2: y(0) }, "pc-guide"));
    const dot = s("circle", { cx, cy, r: 5 }, "pc-point");
    const t = s("title", {});
    t.textContent = `${r.score} 分 → ${r.total} 元`;
    dot.append(t);
    svg.append(dot);
    const lbl = s("text", { x: Math.min(cx + 8, W - R - 90), y: Math.max(cy - 8, T + 12) }, "pc-point-label");
    lbl.textContent = `${r.score} 分:${r.total} 元`;
    svg.append(lbl);
  }
  const cap = h("figcaption", "pc-caption", "按当前绩效工资与部门业绩，得分 0–100 对应的应发绩效工资；虚线为分档处的跳变，圆点为本次结果。");
  fig.append(svg, cap);
}
