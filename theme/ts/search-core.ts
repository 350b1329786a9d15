// The query side of the handbook's search: tokenizer, shard loading, ranking
// and snippets, with no DOM, so the same code runs in the page
// (theme/ts/search.ts) and in Node under the Go tests (generator/search).
//
// The tokenizer must agree code point for code point with
// generator/search/tokenize.go: positions in the index are code point
// offsets into the normalised text, and normalising never changes the
// number of code points, so an offset is also an offset into the original
// text shown in a snippet.

export const TOKENIZER_VERSION = 1;
export const FORMAT_VERSION = 1;

/** Longest query considered, in code points; the rest is ignored. */
export const MAX_QUERY = 64;
/** Most phrases (space-separated parts) of a query considered. */
const MAX_PHRASES = 8;

export function normalizeCP(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII forms
  else if (c === 0x3000) return 0x20; // ideographic space
  else if (c === 0x2105) return 0x25; // ℅ → %
  if (c >= 0x41 && c <= 0x5a) c += 0x20;
  return c;
}

const enum Cls {
  Other,
  Space,
  CJK,
  Word,
  Percent,
}

const reSpace = /\s/u;
const reWord = /[\p{L}\p{N}]/u;

function isCJK(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x3ffff) ||
    c === 0x3007 ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

function classify(c: number): Cls {
  if (c === 0x25) return Cls.Percent;
  if (isCJK(c)) return Cls.CJK;
  if (c < 0x80) {
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return Cls.Space;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return Cls.Word;
    return Cls.Other;
  }
  if (c === 0x85) return Cls.Space; // as Go's unicode.IsSpace
  if (c === 0xfeff) return Cls.Other; // JS \s has it, Go does not
  const s = String.fromCodePoint(c);
  if (reSpace.test(s)) return Cls.Space;
  if (reWord.test(s)) return Cls.Word;
  return Cls.Other;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The normalised code points of s. */
export function normalize(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(normalizeCP(ch.codePointAt(0)!));
  return out;
}

export interface Token {
  text: string;
  pos: number; // code point offset
  len: number; // code points
}

/** Calls emit for every term of the normalised code points cps (see tokenize.go). */
function scan(cps: number[], emit: (start: number, end: number) => void): void {
  const n = cps.length;
  for (let i = 0; i < n; ) {
    const c = classify(cps[i]);
    if (c === Cls.CJK) {
      let j = i;
      while (j < n && classify(cps[j]) === Cls.CJK) j++;
      for (let k = i; k + 1 < j; k++) emit(k, k + 2);
      i = j;
    } else if (c === Cls.Word) {
      let j = i;
      while (j < n) {
        if (classify(cps[j]) === Cls.Word) {
          j++;
          continue;
        }
        if (cps[j] === 0x2e && j + 1 < n && isDigit(cps[j - 1]) && isDigit(cps[j + 1])) {
          j++;
          continue;
        }
        break;
      }
      emit(i, j);
      i = j;
    } else if (c === Cls.Percent) {
      emit(i, i + 1);
      i++;
    } else {
      i++;
    }
  }
}

export function tokenize(s: string): Token[] {
  const cps = normalize(s);
  const out: Token[] = [];
  scan(cps, (a, b) => out.push({ text: String.fromCodePoint(...cps.slice(a, b)), pos: a, len: b - a }));
  return out;
}

/** One space-separated part of a query: its terms must appear together. */
export interface Phrase {
  text: string;
  /** Terms chosen to cover the phrase, offsets relative to its start. */
  terms: Token[];
  /** Length in code points from the first to the end of the last term. */
  span: number;
}

/**
 * Splits a query into phrases. Each phrase keeps a covering subset of its
 * terms: enough overlapping bigrams that, checked at their offsets, they
 * spell out every character of the phrase (大客户经理 → 大客, 户经, 经理),
 * which is about half the bigrams and so about half the shards to fetch.
 */
export function parseQuery(q: string): Phrase[] {
  const cps = normalize(q).slice(0, MAX_QUERY);
  const phrases: Phrase[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < cps.length && phrases.length < MAX_PHRASES) {
    while (i < cps.length && classify(cps[i]) === Cls.Space) i++;
    let j = i;
    while (j < cps.length && classify(cps[j]) !== Cls.Space) j++;
    const part = cps.slice(i, j);
    i = j;
    const toks: Token[] = [];
    scan(part, (a, b) => toks.push({ text: String.fromCodePoint(...part.slice(a, b)), pos: a, len: b - a }));
    if (toks.length === 0) continue;
    const base = toks[0].pos;
    const end = toks[toks.length - 1].pos + toks[toks.length - 1].len;
    const text = String.fromCodePoint(...part.slice(base, end));
    if (seen.has(text)) continue;
    seen.add(text);
    // Greedy interval cover: from the first uncovered point, take the term
    // starting at or before it that reaches furthest.
    const chosen: Token[] = [];
    let covered = base;
    let k = 0;
    while (k < toks.length) {
      if (toks[k].pos > covered) covered = toks[k].pos; // a gap (punctuation) needs no term
      let best = -1;
      while (k < toks.length && toks[k].pos <= covered) {
        if (best < 0 || toks[k].pos + toks[k].len > toks[best].pos + toks[best].len) best = k;
        k++;
      }
      const t = toks[best];
      if (t.pos + t.len > covered) {
        chosen.push({ text: t.text, pos: t.pos - base, len: t.len });
        covered = t.pos + t.len;
      }
    }
    phrases.push({ text, terms: chosen, span: end - base });
  }
  return phrases;
}

/** FNV-1a (32 bit) of the UTF-8 bytes of term, modulo n, as in build.go. */
export function shardOf(term: string, n: number): number {
  let h = 0x811c9dc5;
  for (const b of utf8.encode(term)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

export interface Meta {
  format: number;
  tokenizer: number;
  build: string;
  docs: number;
  avgLen: number;
  shards: number;
  docsPerShard: number;
  files: string;
}

/** A clause as stored in a doc shard. */
export interface DocRecord {
  id: number;
  url: string;
  anchor: string;
  chapter: string;
  heading: string;
  level: number;
  text: string;
}

/** One occurrence to highlight: a code point range of the heading or text. */
export interface Span {
  heading: boolean;
  start: number;
  len: number;
}

export interface Hit {
  doc: number;
  /** Phrases of the query found exactly (characters adjacent, in order). */
  exact: number;
  /** Phrases found exactly in the heading. */
  inHeading: number;
  /** Terms of the query present anywhere in the clause. */
  terms: number;
  score: number;
  spans: Span[];
}

export interface SearchResult {
  hits: Hit[];
  /** Why there are no hits when the query had nothing to search for. */
  empty?: "query";
}

/** Reads a file of the index by its path relative to meta.json. */
export type Fetcher = (path: string) => Promise<Uint8Array>;

interface Postings {
  df: number;
  docs: Int32Array;
  /** Length bucket of each doc's text: about 1.25^b code points. */
  lens: Uint8Array;
  /** Positions of docs[i] are pos[off[i]] … pos[off[i+1]-1]. */
  off: Int32Array;
  pos: Uint32Array;
}

const EMPTY: Postings = { df: 0, docs: new Int32Array(0), lens: new Uint8Array(0), off: new Int32Array(1), pos: new Uint32Array(0) };

class Reader {
  i = 0;
  constructor(readonly b: Uint8Array) {}
  uvarint(): number {
    let x = 0;
    let mul = 1;
    for (;;) {
      if (this.i >= this.b.length) throw new Error("search: truncated shard");
      const c = this.b[this.i++];
      x += (c & 0x7f) * mul;
      if (c < 0x80) return x;
      mul *= 128;
    }
  }
}

function decodePostings(b: Uint8Array, df: number): Postings {
  const r = new Reader(b);
  const docs = new Int32Array(df);
  const lens = new Uint8Array(df);
  const off = new Int32Array(df + 1);
  let pos = new Uint32Array(Math.max(16, df * 2));
  let np = 0;
  let doc = 0;
  for (let d = 0; d < df; d++) {
    doc += r.uvarint();
    docs[d] = doc;
    off[d] = np;
    const cl = r.uvarint();
    lens[d] = cl & 31;
    const n = Math.floor(cl / 32);
    if (np + n > pos.length) {
      const grown = new Uint32Array(Math.max(pos.length * 2, np + n));
      grown.set(pos);
      pos = grown;
    }
    let v = 0;
    for (let k = 0; k < n; k++) {
      v += r.uvarint();
      pos[np++] = v;
    }
  }
  off[df] = np;
  return { df, docs, lens, off, pos: pos.subarray(0, np) };
}

/** Finds term in a postings shard and decodes its postings. */
function lookup(shard: Uint8Array, term: string): Postings {
  const want = utf8.encode(term);
  const r = new Reader(shard);
  r.i = 4; // magic
  while (r.i < shard.length) {
    const tl = r.uvarint();
    const ts = r.i;
    r.i += tl;
    const df = r.uvarint();
    const pl = r.uvarint();
    const ps = r.i;
    r.i += pl;
    if (tl !== want.length) continue;
    let k = 0;
    while (k < tl && shard[ts + k] === want[k]) k++;
    if (k === tl) return decodePostings(shard.subarray(ps, ps + pl), df);
  }
  return EMPTY;
}

function has(arr: Uint32Array, from: number, to: number, v: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (arr[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo < to && arr[lo] === v;
}

/** Weight of a heading occurrence relative to one in the text. */
const HEADING_WEIGHT = 4;
/** BM25's parameters. */
const K1 = 1.2;
const B = 0.75;
/** Spans kept per hit for highlighting. */
const MAX_SPANS = 64;

/**
 * An opened index of one edition. It fetches meta.json when opened and
 * each shard the first time a query needs it.
 */
export class Index {
  private shards = new Map<number, Promise<Uint8Array>>();
  private docShards = new Map<number, Promise<DocRecord[]>>();
  private postings = new Map<string, Postings>();

  private constructor(
    readonly meta: Meta,
    private readonly fetch: Fetcher,
  ) {}

  static async open(fetch: Fetcher): Promise<Index> {
    const meta = JSON.parse(utf8d.decode(await fetch("meta.json"))) as Meta;
    if (meta.format !== FORMAT_VERSION || meta.tokenizer !== TOKENIZER_VERSION) {
      throw new Error(`search: index format ${meta.format}/${meta.tokenizer}, script expects ${FORMAT_VERSION}/${TOKENIZER_VERSION}`);
    }
    return new Index(meta, fetch);
  }

  private shard(k: number): Promise<Uint8Array> {
    let p = this.shards.get(k);
    if (!p) {
      p = this.fetch(`${this.meta.files}p${k}.bin`);
      p.catch(() => this.shards.delete(k)); // retry when back online
      this.shards.set(k, p);
    }
    return p;
  }

  private async term(t: string): Promise<Postings> {
    const cached = this.postings.get(t);
    if (cached) return cached;
    const p = lookup(await this.shard(shardOf(t, this.meta.shards)), t);
    if (this.postings.size > 256) this.postings.clear();
    this.postings.set(t, p);
    return p;
  }

  /** Ranks the clauses for query; all of them, best first. */
  async search(query: string): Promise<SearchResult> {
    const phrases = parseQuery(query);
    if (phrases.length === 0 || this.meta.docs === 0) return { hits: [], empty: phrases.length === 0 ? "query" : undefined };
    const names = [...new Set(phrases.flatMap((p) => p.terms.map((t) => t.text)))];
    const lists = await Promise.all(names.map((n) => this.term(n)));
    const byName = new Map(names.map((n, i) => [n, lists[i]]));
    return { hits: rank(phrases, names, byName, this.meta.docs, this.meta.avgLen || 1) };
  }

  /** The stored clauses with the given ids, fetching their doc shards. */
  async docs(ids: number[]): Promise<DocRecord[]> {
    const per = this.meta.docsPerShard;
    const need = [...new Set(ids.map((id) => Math.floor(id / per)))];
    const loaded = await Promise.all(need.map((k) => this.docShard(k)));
    const m = new Map(need.map((k, i) => [k, loaded[i]]));
    return ids.map((id) => m.get(Math.floor(id / per))![id % per]);
  }

  private docShard(k: number): Promise<DocRecord[]> {
    let p = this.docShards.get(k);
    if (!p) {
      const per = this.meta.docsPerShard;
      p = this.fetch(`${this.meta.files}d${k}.json`).then((b) =>
        (JSON.parse(utf8d.decode(b)) as [string, string, string, string, number, string][]).map((a, i) => ({
          id: k * per + i,
          url: a[0],
          anchor: a[1],
          chapter: a[2],
          heading: a[3],
          level: a[4],
          text: a[5],
        })),
      );
      p.catch(() => this.docShards.delete(k));
      this.docShards.set(k, p);
    }
    return p;
  }
}

interface Cand {
  doc: number;
  /** Index into each term's postings, or -1 when the term is absent. */
  at: Int32Array;
  present: number;
}

/**
 * Orders clauses: first by how many phrases of the query they contain
 * exactly, then by how many of those are in the heading, then by how many
 * of the query's terms they contain at all, then by a BM25-like score, then
 * in document order. So a clause lacking the phrase ranks below every clause
 * that has it, and a heading match above a passing mention.
 */
function rank(phrases: Phrase[], names: string[], lists: Map<string, Postings>, N: number, avgLen: number): Hit[] {
  const T = names.length;
  const cands = new Map<number, Cand>();
  names.forEach((n, ti) => {
    const p = lists.get(n)!;
    for (let i = 0; i < p.df; i++) {
      const d = p.docs[i];
      let c = cands.get(d);
      if (!c) {
        c = { doc: d, at: new Int32Array(T).fill(-1), present: 0 };
        cands.set(d, c);
      }
      c.at[ti] = i;
      c.present++;
    }
  });
  // A clause must hold every term of a short query and at least half the
  // terms of a long one (so a phrase with one character different still
  // shows, below the exact ones).
  const need = T <= 2 ? T : Math.ceil(T / 2);
  const idf = names.map((n) => {
    const df = lists.get(n)!.df;
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  });
  const tIndex = new Map(names.map((n, i) => [n, i]));
  const hits: Hit[] = [];
  for (const c of cands.values()) {
    if (c.present < need) continue;
    let score = 0;
    for (let ti = 0; ti < T; ti++) {
      const i = c.at[ti];
      if (i < 0) continue;
      const p = lists.get(names[ti])!;
      let tf = 0;
      for (let k = p.off[i]; k < p.off[i + 1]; k++) tf += p.pos[k] & 1 ? HEADING_WEIGHT : 1;
      const len = Math.pow(1.25, p.lens[i] + 0.5);
      score += (idf[ti] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgLen));
    }
    let exact = 0;
    let inHeading = 0;
    const spans: Span[] = [];
    for (const ph of phrases) {
      const tis = ph.terms.map((t) => tIndex.get(t.text)!);
      if (tis.some((ti) => c.at[ti] < 0)) continue;
      const first = lists.get(ph.terms[0].text)!;
      const fi = c.at[tis[0]];
      let nText = 0;
      let nHead = 0;
      for (let k = first.off[fi]; k < first.off[fi + 1]; k++) {
        const v = first.pos[k];
        const field = v & 1;
        const start = (v >>> 1) - ph.terms[0].pos;
        let ok = true;
        for (let j = 1; j < ph.terms.length && ok; j++) {
          const p = lists.get(ph.terms[j].text)!;
          const i = c.at[tis[j]];
          ok = has(p.pos, p.off[i], p.off[i + 1], ((start + ph.terms[j].pos) * 2) | field);
        }
        if (!ok) continue;
        if (field) nHead++;
        else nText++;
        if (spans.length < MAX_SPANS) spans.push({ heading: field === 1, start, len: ph.span });
      }
      if (nText + nHead > 0) {
        exact++;
        if (nHead > 0) inHeading++;
        score += 2 * Math.log2(1 + nText + HEADING_WEIGHT * nHead);
      }
    }
    if (exact < phrases.length) {
      // Highlight the scattered terms too.
      for (let ti = 0; ti < T && spans.length < MAX_SPANS; ti++) {
        const i = c.at[ti];
        if (i < 0) continue;
        const p = lists.get(names[ti])!;
        const len = [...names[ti]].length;
        for (let k = p.off[i]; k < p.off[i + 1] && spans.length < MAX_SPANS; k++) {
          spans.push({ heading: (p.pos[k] & 1) === 1, start: p.pos[k] >>> 1, len });
        }
      }
    }
    hits.push({ doc: c.doc, exact, inHeading, terms: c.present, score, spans });
  }
  hits.sort(
    (a, b) =>
      b.exact - a.exact || b.inHeading - a.inHeading || b.terms - a.terms || b.score - a.score || a.doc - b.doc,
  );
  return hits;
}

/** A piece of text, marked when it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts text to about width code points around the first highlighted span
 * and splits it into marked and unmarked segments. With heading true it
 * uses the heading spans and keeps the whole text.
 */
export function highlight(text: string, spans: Span[], heading: boolean, width = 0): Segment[] {
  const cps = Array.from(text);
  const marked = new Uint8Array(cps.length + 1);
  let firstStart = -1;
  for (const s of spans) {
    if (s.heading !== heading) continue;
    if (firstStart < 0 || s.start < firstStart) firstStart = s.start;
    for (let i = s.start; i < Math.min(cps.length, s.start + s.len); i++) marked[i] = 1;
  }
  let from = 0;
  let to = cps.length;
  if (width > 0 && cps.length > width) {
    from = Math.max(0, Math.min(cps.length - width, (firstStart < 0 ? 0 : firstStart) - Math.floor(width / 4)));
    to = Math.min(cps.length, from + width);
  }
  const out: Segment[] = [];
  if (from > 0) out.push({ text: "…", mark: false });
  for (let i = from; i < to; ) {
    let j = i;
    while (j < to && marked[j] === marked[i]) j++;
    out.push({ text: cps.slice(i, j).join(""), mark: marked[i] === 1 });
    i = j;
  }
  if (to < cps.length) out.push({ text: "…", mark: false });
  return out;
}
