// The payout engine as the page sees it: the Go calculator compiled to
// WebAssembly (calculator/wasm), behind the WASI shim. Every call is
// synchronous and local — nothing leaves the page.

import { newWasi } from "./wasi";

export interface Step {
  text: string;
  /** Absent on the step that adds up criterion scores: its figure is points. */
  amount_fen?: number;
  amount?: string;
  clause: string;
}

export interface Result {
  role: string;
  role_name: string;
  score: string;
  score_hundredths: number;
  tier: { index: number; label: string; min: string; max: string; clause: string };
  rate: string;
  rate_bp: number;
  pay_fen: number;
  dept: string;
  dept_name: string;
  dept_rate: string;
  dept_rate_bp: number;
  adjust_fen: number;
  total_fen: number;
  total: string;
  rounding: string;
  summary: string;
  steps: Step[];
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Point {
  score: number; // hundredths
  total_fen: number;
  tier: number;
}

interface Exports {
  hb_alloc(n: number): number;
  hb_out(): number;
  hb_rules(): number;
  hb_compute(): number;
  hb_curve(): number;
  hb_query(): number;
}

export class Engine {
  private enc = new TextEncoder();
  private dec = new TextDecoder();

  private constructor(
    private ex: Exports,
    private memory: WebAssembly.Memory,
  ) {}

  /**
   * Compiles the module from its bytes or a fetch Response. Streaming
   * compiles while the bytes arrive; it needs application/wasm. Otherwise
   * (a server without that type) the bytes are read first. Not
   * res.clone(): teeing a 2 MB body costs a copy on every page load.
   */
  static async compile(src: BufferSource | Response | Promise<Response>): Promise<WebAssembly.Module> {
    if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) return WebAssembly.compile(src);
    const res = await src;
    if (!res.ok) throw new Error("计算器模块加载失败：HTTP " + res.status);
    const type = res.headers.get("Content-Type") ?? "";
    if (WebAssembly.compileStreaming && /^application\/wasm\b/i.test(type)) return WebAssembly.compileStreaming(res);
    return WebAssembly.compile(await res.arrayBuffer());
  }

  /** Instantiates a compiled module and starts the Go runtime in it. */
  static async start(module: WebAssembly.Module): Promise<Engine> {
    const wasi = newWasi();
    const instance = await WebAssembly.instantiate(module, wasi.imports);
    performance.mark("payout-instantiated");
    wasi.start(instance);
    performance.mark("payout-go-init");
    return new Engine(instance.exports as unknown as Exports, instance.exports.memory as WebAssembly.Memory);
  }

  /** Compiles, instantiates and starts the module from its bytes or a fetch Response. */
  static async load(src: BufferSource | Response | Promise<Response>): Promise<Engine> {
    const module = await Engine.compile(src);
    performance.mark("payout-compiled");
    return Engine.start(module);
  }

  private call(fn: () => number, input: string): string {
    const bytes = this.enc.encode(input);
    const p = this.ex.hb_alloc(bytes.length);
    new Uint8Array(this.memory.buffer, p, bytes.length).set(bytes);
    const n = fn();
    if (n === 0) return "";
    return this.dec.decode(new Uint8Array(this.memory.buffer, this.ex.hb_out(), n));
  }

  /** Loads the compact rules (calculator.Encode); throws on bad rules. */
  setRules(encoded: string): void {
    const out = this.call(() => this.ex.hb_rules(), encoded);
    if (out) throw new Error(errorsOf(out).map((e) => e.message).join("; "));
  }

  /** Computes one input written as role=…&score=…&base=…&dept=…. */
  compute(query: string): { result?: Result; errors?: FieldError[] } {
    const v = JSON.parse(this.call(() => this.ex.hb_compute(), query));
    return v.errors ? { errors: v.errors } : { result: v };
  }

  /**
   * A link's query as the form holds it (calculator.CanonicalQuery): the
   * role and department result by ID, named criterion scores as a list in
   * the role's order, anything else as given.
   */
  canonical(query: string): string {
    return this.call(() => this.ex.hb_query(), query);
  }

  /** Payout curve for role, base and dept (score is ignored). */
  curve(query: string): Point[] | FieldError[] {
    const v = JSON.parse(this.call(() => this.ex.hb_curve(), query));
    return Array.isArray(v) ? v : v.errors;
  }
}

function errorsOf(json: string): FieldError[] {
  try {
    return JSON.parse(json).errors ?? [];
  } catch {
    return [{ field: "", message: json }];
  }
}

/** The parts of the compact rules the form needs (labels, criteria, clauses). */
export interface RoleInfo {
  id: string;
  name: string;
  criteriaClause: string;
  criteria: { name: string; max: number }[]; // max in hundredths
  tiers: { min: number; max: number; kind: string; rate: number; clause: string }[]; // hundredths, basis points
  depts: { result: string; name: string; rate: number; clause: string }[]; // rate in basis points
  /** What every clause ID of the role starts with (e.g. 销售人员), left out of link texts. */
  clausePrefix: string;
}

/** Reads role, crit, tier and dept lines of the compact encoding (calculator.Encode). */
export function describeRules(encoded: string): RoleInfo[] {
  const roles: RoleInfo[] = [];
  const clauses = new Map<RoleInfo, string[]>();
  for (const line of encoded.split("\n")) {
    const f = fields(line);
    const cur = roles[roles.length - 1];
    if (f[0] === "role") {
      const r: RoleInfo = { id: f[1], name: f[2], criteriaClause: f[3] ?? "", criteria: [], tiers: [], depts: [], clausePrefix: "" };
      roles.push(r);
      clauses.set(r, f[3] ? [f[3]] : []);
    } else if (!cur) continue;
    else if (f[0] === "crit") cur.criteria.push({ name: f[1], max: Number(f[2]) });
    else if (f[0] === "tier") {
      cur.tiers.push({ min: Number(f[1]), max: Number(f[2]), kind: f[3], rate: Number(f[4]), clause: f[5] ?? "" });
      if (f[5]) clauses.get(cur)!.push(f[5]);
    } else if (f[0] === "dept") {
      cur.depts.push({ result: f[1], name: f[2], rate: Number(f[3]), clause: f[4] ?? "" });
      if (f[4]) clauses.get(cur)!.push(f[4]);
    }
  }
  for (const r of roles) r.clausePrefix = commonPrefix((clauses.get(r) ?? []).map(clauseHeading));
  return roles;
}

/** The heading part of a clause ID: 销售人员奖惩办法.3 → 销售人员奖惩办法. */
function clauseHeading(id: string): string {
  const dot = id.indexOf(".");
  return dot < 0 ? id : id.slice(0, dot);
}

/**
 * A clause ID as a reader says it: 销售人员奖惩办法.3 → 奖惩办法第3条
 * (the role's common prefix dropped), 内勤考核指标 → 考核指标,
 * a nested item X.3.2 → X第3条第2项.
 */
export function clauseLabel(id: string, prefix = ""): string {
  let head = clauseHeading(id);
  const nums = id.length > head.length ? id.slice(head.length + 1).split(".") : [];
  if (prefix && head.startsWith(prefix) && head.length > prefix.length) head = head.slice(prefix.length);
  return head + nums.map((n, i) => "第" + n + (i === 0 ? "条" : "项")).join("");
}

function commonPrefix(list: string[]): string {
  if (list.length < 2) return "";
  let p = Array.from(list[0]);
  for (const s of list.slice(1)) {
    const c = Array.from(s);
    let i = 0;
    while (i < p.length && i < c.length && p[i] === c[i]) i++;
    p = p.slice(0, i);
  }
  const prefix = p.join("");
  // A prefix that is a whole heading would leave a link without words.
  return list.some((s) => s === prefix) ? "" : prefix;
}

function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === " ") {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let s = "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\") {
          i++;
          const c = line[i];
          if (c === "n") s += "\n";
          else if (c === "x") {
            s += String.fromCharCode(parseInt(line.slice(i + 1, i + 3), 16));
            i += 2;
          } else s += c;
        } else s += line[i];
      }
      i++;
      out.push(s);
    } else {
      const j = line.indexOf(" ", i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end;
    }
  }
  return out;
}
