// The query side of the handbook's search: tokenizer, shard loading, ranking
// and snippets, with no DOM, so the same code runs in the page
// (theme/ts/search.ts) and in Node under the Go tests (generator/search).
//
// The tokenizer must agree code point for code point with
// generator/search/tokenize.go: positions in the index are code point
// offsets into the normalised text, and normalising changes the number of
// code points only by dropping format characters (isFormat), which the
// stored text shown in a snippet does not hold either, so an offset is
// also an offset into that text.

export const TOKENIZER_VERSION = 4;
export const FORMAT_VERSION = 6;

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

/**
 * Whether c is a format character (Unicode category Cf: the soft hyphen,
 * zero-width space, joiners, direction marks, U+FEFF…), which text and
 * queries carry unseen, pasted inside words: normalize drops them. The
 * same table as isFormat in tokenize.go.
 */
export function isFormat(c: number): boolean {
  if (c < 0x2000) return c === 0xad || (c >= 0x600 && (c <= 0x605 || c === 0x61c || c === 0x6dd || c === 0x70f || c === 0x890 || c === 0x891 || c === 0x8e2 || c === 0x180e));
  if (c <= 0x206f) return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c !== 0x2065);
  if (c < 0xfeff) return false;
  return (
    c === 0xfeff ||
    (c >= 0xfff9 && c <= 0xfffb) ||
    c === 0x110bd ||
    c === 0x110cd ||
    (c >= 0x13430 && c <= 0x1343f) ||
    (c >= 0x1bca0 && c <= 0x1bca3) ||
    (c >= 0x1d173 && c <= 0x1d17a) ||
    c === 0xe0001 ||
    (c >= 0xe0020 && c <= 0xe007f)
  );
}

/**
 * Words written two ways (异形词), each the variant then the form it is
 * read as, in text and query alike: variantWords in fold.go, which says
 * why these and not others.
 */
const VARIANT_WORDS =
  "泄漏泄露 惟一唯一 其它其他 " +
  "帐户账户 帐号账号 帐目账目 帐单账单 帐款账款 帐务账务 帐簿账簿 帐本账本 帐期账期 " +
  "结帐结账 报帐报账 转帐转账 记帐记账 对帐对账 查帐查账 入帐入账 到帐到账 挂帐挂账 坏帐坏账 算帐算账";

/** The variant words by their first code point (all in U+4E00–U+9FFF): [variant, reading]. */
const VARIANTS = new Map<number, [number[], number[]][]>();
/** Per code point of U+4E00–U+9FFF, 1 if a variant word starts with it. */
const VARIANT_STARTS = new Uint8Array(0xa000 - 0x4e00);
for (const w of VARIANT_WORDS.split(" ")) {
  const cps = Array.from(w, (c) => c.codePointAt(0)!);
  const n = cps.length / 2;
  const l = VARIANTS.get(cps[0]) ?? [];
  l.push([cps.slice(0, n), cps.slice(n)]);
  VARIANTS.set(cps[0], l);
  VARIANT_STARTS[cps[0] - 0x4e00] = 1;
}

/** Rewrites the variant word at cps[i], if any, as the word it is read as. */
function foldVariantAt(cps: number[], i: number): void {
  for (const [from, to] of VARIANTS.get(cps[i]) ?? []) {
    if (cps.length - i < from.length) continue;
    let k = 0;
    while (k < from.length && cps[i + k] === from[k]) k++;
    if (k === from.length) {
      for (let j = 0; j < to.length; j++) cps[i + j] = to[j];
      return;
    }
  }
}

/** The normalised code points of s: folded (normalizeCP), its format characters left out, its variant words read as their other form. */
export function normalize(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (!isFormat(c)) out.push(normalizeCP(c));
  }
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c >= 0x4e00 && c < 0xa000 && VARIANT_STARTS[c - 0x4e00] === 1) foldVariantAt(out, i);
  }
  return out;
}

export interface Token {
  text: string;
  pos: number; // code point offset
  len: number; // code points
}

/**
 * Calls emit for every term of the normalised code points cps, in order of
 * their start (see tokenize.go): span marks a range's glue term (9…分 of
 * （60——89）分), whose text is its two ends around RANGE_GLUE. A query
 * (query set) has it in place of the plain glue 9分.
 */
function scan(cps: number[], emit: (start: number, end: number, span: boolean) => void, query = false): void {
  const n = cps.length;
  for (let i = 0; i < n; ) {
    const c = classify(cps[i]);
    if (c === Cls.CJK) {
      let j = i;
      while (j < n && classify(cps[j]) === Cls.CJK) j++;
      for (let k = i; k + 1 < j; k++) emit(k, k + 2, false);
      if (j < n) {
        const d = classify(cps[j]);
        if (d === Cls.Word || d === Cls.Percent) emit(j - 1, j + 1, false);
      }
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
      emit(i, j, false);
      // After a range: 9…分 of （60——89）分.
      let span = -1;
      if (rangeEnd(cps, i) && isNumber(cps, i, j)) {
        const g = gapAt(cps, j);
        if (g >= 0 && g < n && classify(cps[g]) === Cls.CJK) span = g;
      }
      if (j < n && classify(cps[j]) === Cls.CJK && !(query && span === j)) emit(j - 1, j + 1, false);
      if (span >= 0) emit(j - 1, span + 1, true);
      i = j;
    } else if (c === Cls.Percent) {
      emit(i, i + 1, false);
      if (i + 1 < n && classify(cps[i + 1]) === Cls.CJK) emit(i, i + 2, false);
      i++;
    } else {
      i++;
    }
  }
}

/** Stands between the two ends of a range's glue term (9…分): punctuation, so in no other term. */
const RANGE_GLUE = 0x2026;

/** The text of the term scan found at cps[a:b] (span: a range's glue). */
function termText(cps: number[], a: number, b: number, span: boolean): string {
  return span ? String.fromCodePoint(cps[a], RANGE_GLUE, cps[b - 1]) : String.fromCodePoint(...cps.slice(a, b));
}

/** Whether t is a range's glue term (9…分). */
function isSpan(t: string): boolean {
  const cps = Array.from(t);
  return cps.length === 3 && cps[1].codePointAt(0) === RANGE_GLUE;
}

/** The end of the run of 0 to MAX_GAP characters of punctuation or space at cps[i], or -1 when longer (tokenize.go's gapAt). */
function gapAt(cps: number[], i: number): number {
  let j = i;
  while (j < cps.length && !isTermChar(cps[j])) {
    if (j - i === MAX_GAP) return -1;
    j++;
  }
  return j;
}

/** Where the run of 0 to MAX_GAP characters of punctuation or space ending at cps[i - 1] starts, or -1. */
function gapBefore(cps: number[], i: number): number {
  let j = i;
  while (j > 0 && !isTermChar(cps[j - 1])) {
    if (i - j === MAX_GAP) return -1;
    j--;
  }
  return j;
}

/** Whether cps[a:b] is a number: digits, a '.' between two of them allowed. */
function isNumber(cps: number[], a: number, b: number): boolean {
  if (b <= a || !isDigit(cps[a])) return false;
  for (let k = a; k < b; k++) if (!isDigit(cps[k]) && cps[k] !== 0x2e) return false;
  return true;
}

/** Whether the number starting at cps[from] ends a range: another number, then 1 to MAX_GAP characters of punctuation or space, before it. */
function rangeEnd(cps: number[], from: number): boolean {
  const g = gapBefore(cps, from);
  return g > 0 && g < from && isDigit(cps[g - 1]);
}

export function tokenize(s: string): Token[] {
  const cps = normalize(s);
  const out: Token[] = [];
  scan(cps, (a, b, span) => out.push({ text: termText(cps, a, b, span), pos: a, len: b - a }));
  return out;
}

/**
 * Most characters of punctuation (or space) in the text that stand for the
 * punctuation between two words of a phrase: the query 95-100 finds the
 * text's 95——100, 95–100 and 95 — 100.
 */
export const MAX_GAP = 4;

/**
 * A run of a phrase's terms at fixed offsets from each other: the phrase
 * without punctuation is one; each run of punctuation between its words
 * (95-100, 二、政府采购) starts another.
 */
export interface Piece {
  /** Its terms are terms[first] … terms[end - 1] of the phrase. */
  first: number;
  end: number;
  /** Offsets (as the terms') of its first character and after its last. */
  start: number;
  stop: number;
  /**
   * Fewest characters of punctuation or space before it in the text: 1,
   * or 0 after a range's glue term (the 分的 of 60-89分的 follows 89 in
   * （60——89）分的 and in 60-89分的).
   */
  minGap: number;
}

/**
 * One space-separated part of a query: its terms must appear together, in
 * order, each piece's next to each other and the pieces apart by 1 to
 * MAX_GAP characters of punctuation or space, where the query has
 * punctuation between them.
 */
export interface Phrase {
  text: string;
  /** Terms chosen to cover the phrase, offsets relative to its start. */
  terms: Token[];
  /** The pieces of terms, in order (at least one). */
  pieces: Piece[];
  /** Length in code points from the first to the end of the last term. */
  span: number;
  /** The normalised code points of the whole part, punctuation and single characters included. */
  chars: number[];
  /** Where the first term starts in chars. */
  from: number;
  /** Every term of the part (not only those chosen), offsets in chars. */
  all: Token[];
}

/**
 * The query with a space before each clause number (第4条) that follows a
 * word: a reader types a clause as the site names it (奖惩办法第4条, as
 * the calculator cites it), while a clause's heading is its section's
 * heading, then its number (（二）奖惩办法 第4条). Apart, the two phrases
 * find the clause whether its text writes them together or not.
 */
function apartClauseNumbers(cps: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === 0x7b2c && i > 0 && classify(cps[i - 1]) !== Cls.Space) {
      let j = i + 1;
      while (j < cps.length && isDigit(cps[j])) j++;
      if (j > i + 1 && cps[j] === 0x6761) out.push(0x20); // 第…条
    }
    out.push(cps[i]);
  }
  return out;
}

/**
 * Words of a question that ask rather than name (是谁, 怎么, 多少, 什么,
 * 吗, 呢, 哪些…) and the 的 between its words, longest first: a clause
 * answers 内勤的上级是谁 by saying 内勤 and 上级, not 的上 or 是谁. Not 了
 * (了解), nor 是 or 有 alone.
 */
const FUNCTION_WORDS = [
  "是不是", "为什么", "是什么", "怎么样", "有没有", "有哪些", "是多少", "是哪个",
  "是谁", "是否", "什么", "怎么", "怎样", "如何", "多少", "多久", "哪些", "哪个", "哪里", "哪儿", "请问", "为何",
  "吗", "呢", "吧", "啊", "的",
].map((w) => Array.from(w, (c) => c.codePointAt(0)!));

/**
 * The parts of phrase ph read as its words: apart where it has a function
 * word (FUNCTION_WORDS, left out) or two characters of Chinese that no
 * clause holds together (apart(pair): 勤直 of 内勤直接上级), a part of one
 * character of Chinese left out (it is no term). See Index.searchRun.
 */
export function wordsOf(ph: Phrase, apart: (pair: string) => boolean): string[] {
  const cps = ph.chars;
  const parts: string[] = [];
  let cur: number[] = [];
  const end = () => {
    if (cur.length > 0 && !(cur.length === 1 && isCJK(cur[0]))) parts.push(String.fromCodePoint(...cur));
    cur = [];
  };
  for (let i = 0; i < cps.length; ) {
    const w = isCJK(cps[i]) ? FUNCTION_WORDS.find((f) => f.every((c, k) => cps[i + k] === c)) : undefined;
    if (w) {
      end();
      i += w.length;
      continue;
    }
    cur.push(cps[i]);
    if (i + 1 < cps.length && isCJK(cps[i]) && isCJK(cps[i + 1]) && apart(String.fromCodePoint(cps[i], cps[i + 1]))) end();
    i++;
  }
  end();
  return parts;
}

/**
 * The query with the spaces left out between characters of Chinese that
 * stand alone (末 位 淘 汰, as text copied from a PDF or a chat often
 * comes): a run of two or more of them is one phrase (末位淘汰), which a
 * single character alone never is, while words of two characters or more
 * stay apart (绩效 工资 is two phrases). A format character (isFormat) is
 * no part of a character's word.
 */
function joinLoneCharacters(q: string): string {
  const chars = Array.from(q);
  const cps = chars.map((c) => c.codePointAt(0)!);
  const space = (c: number) => classify(normalizeCP(c)) === Cls.Space;
  // The space-separated parts, [start, end) each, and whether each is one
  // character of Chinese.
  const parts: [number, number, boolean][] = [];
  for (let i = 0; i < cps.length; ) {
    while (i < cps.length && space(cps[i])) i++;
    if (i === cps.length) break;
    let j = i;
    let n = 0;
    let cjk = false;
    for (; j < cps.length && !space(cps[j]); j++) {
      if (isFormat(cps[j])) continue;
      n++;
      cjk = isCJK(normalizeCP(cps[j]));
    }
    parts.push([i, j, n === 1 && cjk]);
    i = j;
  }
  if (!parts.some(([, , lone], k) => lone && k > 0 && parts[k - 1][2])) return q;
  let out = "";
  let at = 0;
  parts.forEach(([a, b, lone], k) => {
    // The spaces before it, unless it and the part before stand alone.
    if (!(lone && k > 0 && parts[k - 1][2])) out += chars.slice(at, a).join("");
    out += chars.slice(a, b).join("");
    at = b;
  });
  return out + chars.slice(at).join("");
}

/**
 * Splits a query into phrases. Each phrase keeps a covering subset of its
 * terms: enough overlapping bigrams that, checked at their offsets, they
 * spell out every character of the phrase (大客户经理 → 大客, 户经, 经理),
 * which is about half the bigrams and so about half the shards to fetch.
 *
 * The punctuation between two words of the query stands for 1 to MAX_GAP
 * characters of punctuation or space in the text, or for none where a
 * word or number does not meet another (绩效，工资 finds 绩效工资; 95-100
 * is not 95100). With loose set, the text may also hold punctuation or
 * space where the query has none, between two of its terms that share no
 * character (公平公正公开 finds 公平、公正、公开): a search reads a query so
 * when no clause may hold it as typed (see Index.searchRun), so that a
 * clause holding the words adjacent still ranks first where there is one.
 */
export function parseQuery(q: string, loose = false): Phrase[] {
  const cps = apartClauseNumbers(normalize(joinLoneCharacters(q)).slice(0, MAX_QUERY));
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
    scan(part, (a, b, span) => toks.push({ text: termText(part, a, b, span), pos: a, len: b - a }), true);
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
      let span = -1;
      while (k < toks.length && toks[k].pos <= covered) {
        if (best < 0 || toks[k].pos + toks[k].len > toks[best].pos + toks[best].len) best = k;
        if (span < 0 && isSpan(toks[k].text)) span = k;
        k++;
      }
      // A range's glue is always taken (9…分 of 60-89分的, not 分的 alone
      // after 89): the terms after it are looked at again.
      if (span >= 0) {
        best = span;
        k = span + 1;
      }
      const t = toks[best];
      if (t.pos + t.len > covered) {
        chosen.push({ text: t.text, pos: t.pos - base, len: t.len });
        covered = t.pos + t.len;
        // A range's glue (9…分) holds its CJK character at no fixed
        // offset: a term starting there (分的) begins the next piece.
        if (isSpan(t.text)) covered = t.pos + 1;
      }
    }
    // Where the phrase breaks into pieces: before a term that follows a
    // run of punctuation no term covers (or, loose, one that follows the
    // last term of the piece with no character of it).
    const pieces: Piece[] = [];
    for (let k = 0; k < chosen.length; k++) {
      const t = chosen[k];
      const last = pieces[pieces.length - 1];
      const afterSpan = k > 0 && isSpan(chosen[k - 1].text);
      const abuts = last && loose && t.pos === last.stop && k > 0 && chosen[k - 1].pos + chosen[k - 1].len === t.pos && !joined(part, base + t.pos);
      if (last && !afterSpan && !abuts && (t.pos <= last.stop || !isGap(part, base + last.stop, base + t.pos))) {
        last.end = k + 1;
        last.stop = Math.max(last.stop, spanStop(t));
      } else {
        // No punctuation needed in the text where the query's stands
        // between a character and a word or another character.
        const minGap = afterSpan || abuts || (last && !joined(part, base + last.stop, base + t.pos)) ? 0 : 1;
        pieces.push({ first: k, end: k + 1, start: t.pos, stop: spanStop(t), minGap });
      }
    }
    phrases.push({ text, terms: chosen, pieces, span: end - base, chars: part, from: base, all: toks });
  }
  return phrases;
}

/**
 * Whether the characters of cps before a and from b (b = a when nothing
 * stands between them) would make one word or number if adjacent: a letter,
 * digit or % on both sides (95 and 100 of 95-100, which is not 95100).
 */
function joined(cps: number[], a: number, b = a): boolean {
  if (a <= 0 || b >= cps.length) return false;
  const x = classify(cps[a - 1]);
  const y = classify(cps[b]);
  return (x === Cls.Word || x === Cls.Percent) && (y === Cls.Word || y === Cls.Percent);
}

/** Where a term's piece ends after it: a range's glue (9…分) ends with its digit. */
function spanStop(t: Token): number {
  return isSpan(t.text) ? t.pos + 1 : t.pos + t.len;
}

/** Whether cps[from:to] is one or more characters, each punctuation or space (no part of any term). */
function isGap(cps: number[], from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (isTermChar(cps[i])) return false;
  return true;
}

/**
 * Whether phrase ph is in a field with its first term at p0, where
 * has(j, p) tells whether the phrase's term j is at offset p of the field
 * and, when given, gap(a, b) whether the field's characters a … b-1 are
 * punctuation or space (without it, any 1 to MAX_GAP characters are taken
 * for a gap: an upper bound).
 */
function phraseAt(ph: Phrase, p0: number, has: (j: number, p: number) => boolean, gap?: (a: number, b: number) => boolean): boolean {
  if (ph.pieces.length === 1) {
    for (let j = 1; j < ph.terms.length; j++) if (!has(j, p0 + ph.terms[j].pos)) return false;
    return true;
  }
  // The starts where each piece may begin: the first's is p0; the next's
  // are 1 to MAX_GAP after where one of these ends.
  let starts = [p0];
  ph.pieces.forEach((pc, k) => {
    if (k > 0) {
      const prev = ph.pieces[k - 1];
      const next: number[] = [];
      for (const s of starts) {
        const e = s + prev.stop - prev.start;
        for (let g = pc.minGap; g <= MAX_GAP; g++) if (!next.includes(e + g) && (!gap || g === 0 || gap(e, e + g))) next.push(e + g);
      }
      starts = next;
    }
    starts = starts.filter((s) => {
      for (let j = pc.first; j < pc.end; j++) if (!has(j, s + ph.terms[j].pos - pc.start)) return false;
      return true;
    });
  });
  return starts.length > 0;
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

/** The files of one indexed set of docs: a whole index, or its delta. */
export interface SegmentMeta {
  docs: number;
  avgLen: number;
  /** Number of dictionary shards. */
  shards: number;
  /** The terms with a postings file of their own, space-separated: the k-th is in t<k>.bin. */
  common?: string;
  docsPerShard: number;
  /** The folder of the files, relative to meta.json, ending in "/". */
  files: string;
  /** "gzip": every file but meta.json is stored gzipped. */
  encoding?: string;
}

/**
 * The docs changed since the index was built (see BuildDelta in
 * generator/search/delta.go): its doc i is doc docs(base) + i of the whole,
 * and the base docs in deleted, [from, to) pairs, are never returned.
 */
export interface DeltaMeta extends Partial<SegmentMeta> {
  build?: string;
  /** Meta.fold for the base and the delta as one index. */
  fold?: string;
  deleted?: [number, number][] | null;
  /** Text length (code points) of the deleted docs, when the build knew it. */
  deletedLen?: number;
}

export interface Meta extends SegmentMeta {
  format: number;
  tokenizer: number;
  build: string;
  /**
   * Pairs of code points: a traditional character of a query, then the
   * simplified one to read it as (the index holds that one, and not the
   * traditional one), so that 績效工資 finds 绩效工资.
   */
  fold?: string;
  /**
   * The suggestion file, relative to meta.json: the index's most frequent
   * terms of two CJK characters, most frequent first, one after the other
   * (see suggestTerms in generator/search/suggest.go). Index.suggest reads it.
   */
  suggest?: string;
  delta?: DeltaMeta;
}

/** A clause as stored in a doc shard. */
export interface DocRecord {
  id: number;
  url: string;
  anchor: string;
  chapter: string;
  /** The clause's heading, its parent sections' path first (see Doc.Parent). */
  heading: string;
  level: number;
  text: string;
  /** Code points of heading that are the parent sections' path, not the clause's own. */
  parent: number;
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
  /**
   * With none found exactly in the clause's own heading or text, phrases
   * found exactly in its sections' path: the items under a section named
   * 职位责任 rank above clauses holding its characters scattered.
   */
  inPath: number;
  /**
   * Of the phrases found exactly, those found only in the editor's notes
   * after the clause's own words (NOTE_MARK): the handbook's reading of a
   * clause ranks below a clause that says it in the policy's words.
   */
  noted: number;
  /** Terms of the query present anywhere in the clause. */
  terms: number;
  score: number;
  /** Order among hits of equal rank (see Cands.tie): lower first. */
  tie: number;
  spans: Span[];
  /** The clause itself, for the result list. */
  record: DocRecord;
  /**
   * For a section without words of its own (its text empty, or an
   * editor's note alone), the first clause under it with some, whose
   * first words are the section's (see snippet); null if there is none
   * in its doc shard.
   */
  lead?: DocRecord | null;
}

export interface SearchResult {
  /** The best hits, as many as asked for. */
  hits: Hit[];
  /**
   * Number of clauses found (every one of them is listed when asked):
   * those holding the query whole first (see Index.whole), then those
   * holding its terms apart or, when partial, some of them.
   */
  total: number;
  /** Why there are no hits when the query had nothing to search for. */
  empty?: "query";
  /**
   * No clause holds enough of the query's terms (every term of a query of
   * one or two, half of a longer one): the hits are the clauses that hold
   * any of them, most first — a question such as 试用期多久 or 保密协议
   * finds the clauses on 试用期 or 保密 rather than nothing.
   */
  partial?: boolean;
}

/**
 * The index was built for another version of this script: the page is
 * older (or newer) than the site now deployed, and reloading it fixes it.
 */
export class VersionError extends Error {
  override name = "VersionError";
}

/** Reads a file of the index by its path relative to meta.json. */
export type Fetcher = (path: string) => Promise<Uint8Array>;

interface Postings {
  df: number;
  docs: Int32Array;
  /** Per doc: 1 if in the heading | min(text count, 3) << 1 | length bucket << 3. */
  flags: Uint8Array;
  /** Per doc: bit k set if the term starts in the text at a code point offset ≡ k (mod 8). */
  sigs: Uint8Array;
  /** The same for the heading. */
  hsigs: Uint8Array;
  /** Per doc: bit nextHash(c) set if code point c follows the term in the text or heading (all set where not stored). */
  nexts: Uint8Array;
}

const EMPTY: Postings = { df: 0, docs: new Int32Array(0), flags: new Uint8Array(0), sigs: new Uint8Array(0), hsigs: new Uint8Array(0), nexts: new Uint8Array(0) };

/** The bit of a posting's next-character byte that stands for code point c, as nextHash in build.go. */
export function nextHash(c: number): number {
  return Math.imul(c, 0x9e3779b1) >>> 29;
}

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
  const docs = new Int32Array(df);
  const flags = new Uint8Array(df);
  const sigs = new Uint8Array(df);
  const hsigs = new Uint8Array(df);
  const nexts = new Uint8Array(df).fill(0xff);
  let i = 0;
  let doc = 0;
  for (let d = 0; d < df; d++) {
    let c = b[i++];
    let x = c & 0x7f;
    let mul = 128;
    while (c >= 0x80) {
      c = b[i++];
      x += (c & 0x7f) * mul;
      mul *= 128;
    }
    doc += x;
    docs[d] = doc;
    const f = b[i++];
    flags[d] = f;
    sigs[d] = b[i++];
    if (f & 1) hsigs[d] = b[i++];
    // The characters after the term, where it is twice or more
    // (keepsNext in build.go); elsewhere any may follow.
    if (f & 4 || (f & 3) === 3) nexts[d] = b[i++];
  }
  if (i > b.length) throw new Error("search: truncated postings");
  return { df, docs, flags, sigs, hsigs, nexts };
}

/** A rare term's entry in its dictionary shard. */
interface Entry {
  df: number;
  postings: Uint8Array;
  positions: Uint8Array;
}

/** Where a term is in each doc of its postings, see build.go. */
interface Positions {
  /** Positions of the i-th doc are pos[off[i]] … pos[off[i+1]-1]. */
  off: Int32Array;
  pos: Uint32Array;
}

function decodePositions(b: Uint8Array, df: number): Positions {
  const r = new Reader(b);
  const off = new Int32Array(df + 1);
  let pos = new Uint32Array(Math.max(16, df * 2));
  let np = 0;
  for (let d = 0; d < df; d++) {
    off[d] = np;
    const n = r.uvarint();
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
  return { off, pos: pos.subarray(0, np) };
}

/** Finds a rare term in a dictionary shard (see build.go). */
function lookup(shard: Uint8Array, term: string): Entry | null {
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
    const ql = r.uvarint();
    const qs = r.i;
    r.i += ql;
    if (tl !== want.length) continue;
    let k = 0;
    while (k < tl && shard[ts + k] === want[k]) k++;
    if (k < tl) continue;
    return { df, postings: shard.subarray(ps, ps + pl), positions: shard.subarray(qs, qs + ql) };
  }
  return null;
}

async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream("gzip");
  const w = ds.writable.getWriter();
  w.write(b).catch(() => undefined);
  w.close().catch(() => undefined);
  return new Uint8Array(await new Response(ds.readable).arrayBuffer());
}

function has(arr: number[], v: number): boolean {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (arr[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo < arr.length && arr[lo] === v;
}

/** Weight of a heading occurrence relative to one in the text. */
const HEADING_WEIGHT = 4;
/**
 * Weight of a term found only in the parent sections' path (flags with
 * neither the heading bit nor a text count): the clause is under a section
 * that names it, which says less than one mention in its own text.
 */
const PARENT_WEIGHT = 0.5;
/** Clauses up to SHORT times the average length count as of that length. */
const SHORT = 2;
/** Ratio of scores ranked as equal: BM25 scores are steps of it. */
const CLOSE = 1.25;
const LOG_CLOSE = Math.log(CLOSE);
/** BM25's parameters. */
const K1 = 1.2;
const B = 0.75;
/** Most characters a snippet grows by at each end to hold a word or number whole. */
const WORD_SLACK = 12;
/** Spans kept per hit for highlighting. */
const MAX_SPANS = 64;
/** Fewest candidates whose text is read at once, unless fewer than half as many more hits are wanted (see searchRun). */
const MIN_BATCH = 8;
/** Most candidates whose text Index.whole reads rather than the terms' positions. */
const WHOLE_BY_TEXT = 16;
/** Most candidates Index.whole reads whose positions leave open whether they hold the query whole (Cands.unsure). */
const WHOLE_BY_GAPS = 64;
/** Most terms whose positions Index.whole fetches (else the count is unknown). */
const WHOLE_TERMS = 8;
/** Candidates read in vain before a query fetches the terms' positions. */
const MAX_MISSES = 12;

/**
 * The clauses that hold enough of the query's terms, each with an upper
 * bound of its rank computed from the postings alone: the phrases whose
 * terms it all has (possible) and has all in the heading (headPossible),
 * those its sections' path alone may hold (inPath, see Hit), packed with
 * the number of terms present into group, and its score.
 * Reading its text gives the true rank, which is never better. They come
 * out best bound first from a binary heap, so a query only orders the
 * candidates it reads.
 */
class Cands {
  readonly n: number;
  private size: number;
  private readonly heap: Int32Array;
  /**
   * Set by exactBounds for a candidate whose bound is an upper bound
   * still: a phrase of several terms in its sections' path maybe, or one
   * with punctuation whose text may put an ideograph there (95至100).
   */
  readonly unsure: Uint8Array;
  constructor(
    readonly docs: Int32Array,
    /** possible << 20 | headPossible << 16 | inPath << 12 | terms present (see Hit). */
    readonly group: Int32Array,
    readonly score: Float64Array,
    /**
     * Order among candidates of equal bounds, lower first: ranking says
     * nothing about it, so it favours those whose doc shard the results
     * will need anyway (see tieOrder), then document order.
     */
    readonly tie: Float64Array,
  ) {
    this.n = this.size = docs.length;
    this.heap = new Int32Array(this.n);
    this.unsure = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) this.heap[i] = i;
    // Not ordered: the first take finds the best few without ordering the
    // rest, which most queries never need.
  }
  /** Whether heap is a binary heap; otherwise best is the best left. */
  private ordered = false;
  private taken = false;
  private best = -1;
  /** Whether candidate i ranks before candidate j by their bounds. */
  private before(i: number, j: number): boolean {
    const g = this.group[i] - this.group[j];
    if (g !== 0) return g > 0;
    const s = this.score[i] - this.score[j];
    if (s !== 0) return s > 0;
    return this.tie[i] < this.tie[j];
  }
  private down(k: number): void {
    // before() inlined: a first query runs this cold, tens of thousands
    // of times, where a call costs more than the comparison.
    const h = this.heap;
    const g = this.group;
    const sc = this.score;
    const d = this.tie;
    const size = this.size;
    const x = h[k];
    const xg = g[x];
    const xs = sc[x];
    const xd = d[x];
    for (;;) {
      const l = 2 * k + 1;
      if (l >= size) break;
      let ci = l;
      let c = h[l];
      if (l + 1 < size) {
        const r = h[l + 1];
        const dg = g[r] - g[c];
        const ds = sc[r] - sc[c];
        if (dg > 0 || (dg === 0 && (ds > 0 || (ds === 0 && d[r] < d[c])))) {
          ci = l + 1;
          c = r;
        }
      }
      const dg = g[c] - xg;
      const ds = sc[c] - xs;
      if (!(dg > 0 || (dg === 0 && (ds > 0 || (ds === 0 && d[c] < xd))))) break;
      h[k] = c;
      k = ci;
    }
    h[k] = x;
  }
  /** Orders the candidates left, after their groups changed or at the start. */
  reheap(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
    this.ordered = true;
  }
  /**
   * The positions in heap of the k best candidates left by their bounds,
   * best first, without ordering the rest.
   */
  private top(k: number): number[] {
    const out: number[] = [];
    const at: number[] = [];
    const h = this.heap;
    const g = this.group;
    const sc = this.score;
    const d = this.tie;
    let wg = 0;
    let ws = 0;
    let wd = 0;
    for (let j = 0; j < this.size; j++) {
      const i = h[j];
      if (out.length === k) {
        // Most lose to the worst kept: compare inline.
        const dg = g[i] - wg;
        const ds = sc[i] - ws;
        if (!(dg > 0 || (dg === 0 && (ds > 0 || (ds === 0 && d[i] < wd))))) continue;
      }
      let a = out.length < k ? out.length : k - 1;
      while (a > 0 && this.before(i, out[a - 1])) {
        out[a] = out[a - 1];
        at[a] = at[a - 1];
        a--;
      }
      out[a] = i;
      at[a] = j;
      if (out.length === k) {
        const w = out[k - 1];
        wg = g[w];
        ws = sc[w];
        wd = d[w];
      }
    }
    return at;
  }
  /** Takes the k best candidates left by their bounds, best first. */
  take(k: number): number[] {
    if (!this.taken && !this.ordered) {
      this.taken = true;
      const at = this.top(k + 1);
      const out = at.slice(0, k).map((j) => this.heap[j]);
      this.best = at.length > k ? this.heap[at[k]] : -1;
      // Remove them, last position first, so no position moves before
      // it is removed.
      for (const j of at.slice(0, k).sort((x, y) => y - x)) this.heap[j] = this.heap[--this.size];
      return out;
    }
    const out: number[] = [];
    while (out.length < k && this.size > 0) out.push(this.pop());
    return out;
  }
  /** The candidates not yet taken. */
  left(): Int32Array {
    return this.heap.subarray(0, this.size);
  }

  /** The best candidate left, or -1. */
  peek(): number {
    if (!this.ordered && this.taken) return this.best;
    if (!this.ordered) this.reheap();
    return this.size > 0 ? this.heap[0] : -1;
  }
  pop(): number {
    if (!this.ordered) this.reheap();
    if (this.size === 0) return -1;
    const top = this.heap[0];
    this.heap[0] = this.heap[--this.size];
    this.down(0);
    return top;
  }
}

/** A query being answered: its candidates and the hits found so far. */
interface Run {
  query: string;
  phrases: Phrase[];
  /** Every term of the phrases, where it is in them (seedsOf), for verify. */
  seeds: Map<string, [number, number, number][]>;
  names: string[];
  lists: Postings[];
  cands: Cands;
  /** Candidates whose text showed a worse rank than their bound. */
  misses: number;
  /** Whether the bounds were made exact from positions. */
  exactBounds: boolean;
  /** Candidates taken, their text being fetched, not yet read. */
  next: number[];
  /** The candidates hold only some of the terms (see SearchResult.partial). */
  partial: boolean;
  /**
   * The phrases are the query's words (wordsOf), no clause holding the
   * query as typed: its hits hold none of it whole (see searchRun).
   */
  apart: boolean;
  /** Candidates read but not yet listed, best first. */
  pending: Hit[];
  hits: Hit[];
}

/**
 * How many phrases of the query the hit holds whole: in the clause's own
 * heading or text, or in its sections' path (the items under 主要职责 for
 * 主要职责). A hit holding every phrase is a complete match (完全匹配),
 * whichever; they rank in that order.
 */
export function held(h: Hit): number {
  return h.exact + h.inPath;
}

/** The phrases a candidate's bound may hold whole (see held). */
function heldBound(g: number): number {
  return (g >>> 20) + ((g >>> 12) & 0xf);
}

/** Whether some candidate may hold every one of the P phrases whole. */
function mayHold(cs: Cands, P: number): boolean {
  for (let i = 0; i < cs.n; i++) if (heldBound(cs.group[i]) >= P) return true;
  return false;
}

function cmpHits(a: Hit, b: Hit): number {
  return b.exact - a.exact || a.noted - b.noted || b.inHeading - a.inHeading || b.inPath - a.inPath || b.terms - a.terms || b.score - a.score || a.tie - b.tie;
}

/** Whether hit h ranks before every candidate whose bound is candidate i's. */
function hitFirst(h: Hit, c: Cands, i: number): boolean {
  const g = c.group[i];
  return (
    (h.exact - (g >>> 20) ||
      -h.noted ||
      h.inHeading - ((g >>> 16) & 0xf) ||
      h.inPath - ((g >>> 12) & 0xf) ||
      h.terms - (g & 0xfff) ||
      h.score - c.score[i] ||
      c.tie[i] - h.tie) > 0
  );
}

const NO_POSITIONS: Positions = { off: new Int32Array(1), pos: new Uint32Array(0) };

/**
 * The files of one segment of an index (the base, or its delta), each
 * fetched the first time a query needs it. Its doc i is doc first + i of
 * the index.
 */
class Segment {
  private files = new Map<string, Promise<Uint8Array>>();
  private docShards = new Map<number, Promise<DocRecord[]>>();
  private entries = new Map<string, Promise<Entry | null>>();
  private postings = new Map<string, Promise<Postings>>();
  /** The common terms, each with the number of its files. */
  private readonly common: Map<string, number>;

  constructor(
    readonly m: SegmentMeta,
    readonly first: number,
    private readonly fetch: Fetcher,
  ) {
    this.common = new Map(m.common ? m.common.split(" ").map((t, k) => [t, k]) : []);
  }

  /** A file of the segment, inflated, fetched once while kept. */
  private file(name: string): Promise<Uint8Array> {
    return kept(this.files, name, () => {
      const raw = this.fetch(this.m.files + name);
      return this.m.encoding === "gzip" ? raw.then(gunzip) : raw;
    });
  }

  /** A rare term's entry in its dictionary shard. */
  private entry(t: string): Promise<Entry | null> {
    return kept(this.entries, t, () => this.file(`p${shardOf(t, this.m.shards)}.bin`).then((shard) => lookup(shard, t)));
  }

  /** Starts fetching the file of term t's positions, if it has one. */
  positionsFile(t: string): void {
    const k = this.common.get(t);
    if (k !== undefined) this.file(`t${k}.pos`).catch(() => undefined);
  }

  /** Where term t is in each doc of its postings. */
  async positions(t: string): Promise<Positions> {
    const k = this.common.get(t);
    if (k !== undefined) {
      const [p, b] = await Promise.all([this.term(t), this.file(`t${k}.pos`)]);
      return decodePositions(b, p.df);
    }
    const e = await this.entry(t);
    if (!e) return NO_POSITIONS;
    return decodePositions(e.positions, e.df);
  }

  /** The postings of term t, from its own file or its dictionary shard. */
  term(t: string): Promise<Postings> {
    return kept(this.postings, t, () => {
      const k = this.common.get(t);
      return k !== undefined
        ? this.file(`t${k}.bin`).then((b) => {
            const r = new Reader(b);
            const df = r.uvarint();
            return decodePostings(b.subarray(r.i), df);
          })
        : this.entry(t).then((e) => (e ? decodePostings(e.postings, e.df) : EMPTY));
    });
  }

  /** Doc shard k, its records numbered as docs of the index. */
  docShard(k: number): Promise<DocRecord[]> {
    return kept(this.docShards, k, () => {
      const per = this.m.docsPerShard;
      const first = this.first;
      return this.file(`d${k}.bin`).then((b) =>
        (JSON.parse(utf8d.decode(b)) as [string, string, string, string, number, string, number][]).map((a, i) => ({
          id: first + k * per + i,
          url: a[0],
          anchor: a[1],
          chapter: a[2],
          heading: a[3],
          level: a[4],
          text: a[5],
          parent: a[6] || 0,
        })),
      );
    });
  }
}

/** How many files, entries, postings or doc shards an open index keeps of each. */
const KEEP = 256;

/**
 * The promise cache holds for key, made by make() the first time. One
 * that fails is forgotten, so the next call tries again (back online). A
 * long session of searches (the box prefetches as the reader types) keeps
 * at most KEEP of them: when full, all are dropped at once, and made again
 * (files from the HTTP cache) when a query needs them.
 */
function kept<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    const made = make();
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
    if (cache.size >= KEEP) cache.clear();
    cache.set(key, made);
    p = made;
  }
  return p;
}

/**
 * The indices of p's docs outside the deleted ranges (sorted [from, to)
 * pairs, flattened), or null when none is deleted.
 */
function liveIndices(p: Postings, deleted: Int32Array): Int32Array | null {
  if (deleted.length === 0 || p.df === 0) return null;
  // The postings' index where each range starts and ends, by binary search:
  // most terms are in no deleted doc, and then nothing is copied.
  const cuts: number[] = [];
  let gone = 0;
  let lo = 0;
  for (let r = 0; r < deleted.length && lo < p.df; r += 2) {
    const a = lowerBound(p.docs, deleted[r], lo);
    const b = lowerBound(p.docs, deleted[r + 1], a);
    if (a < b) {
      cuts.push(a, b);
      gone += b - a;
    }
    lo = b;
  }
  if (gone === 0) return null;
  const out = new Int32Array(p.df - gone);
  let n = 0;
  let from = 0;
  for (let k = 0; k <= cuts.length; k += 2) {
    const to = k < cuts.length ? cuts[k] : p.df;
    for (let i = from; i < to; i++) out[n++] = i;
    from = cuts[k + 1];
  }
  return out;
}

/** The first index at or after from of docs whose doc is at least v. */
function lowerBound(docs: Int32Array, v: number, from: number): number {
  let lo = from;
  let hi = docs.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (docs[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** The base's live postings (keep, see liveIndices) followed by the delta's, its docs shifted by offset. */
function mergePostings(base: Postings, keep: Int32Array | null, delta: Postings, offset: number): Postings {
  if (keep === null && delta.df === 0) return base;
  const nb = keep ? keep.length : base.df;
  const df = nb + delta.df;
  const docs = new Int32Array(df);
  const flags = new Uint8Array(df);
  const sigs = new Uint8Array(df);
  const hsigs = new Uint8Array(df);
  const nexts = new Uint8Array(df);
  for (let i = 0; i < nb; i++) {
    const j = keep ? keep[i] : i;
    docs[i] = base.docs[j];
    flags[i] = base.flags[j];
    sigs[i] = base.sigs[j];
    hsigs[i] = base.hsigs[j];
    nexts[i] = base.nexts[j];
  }
  for (let i = 0; i < delta.df; i++) docs[nb + i] = delta.docs[i] + offset;
  flags.set(delta.flags, nb);
  sigs.set(delta.sigs, nb);
  hsigs.set(delta.hsigs, nb);
  nexts.set(delta.nexts, nb);
  return { df, docs, flags, sigs, hsigs, nexts };
}

/** The positions that go with mergePostings(base, keep, delta, …). */
function mergePositions(base: Positions, keep: Int32Array | null, delta: Positions): Positions {
  const nb = keep ? keep.length : base.off.length - 1;
  const nd = delta.off.length - 1;
  const off = new Int32Array(nb + nd + 1);
  let np = 0;
  for (let i = 0; i < nb; i++) {
    const j = keep ? keep[i] : i;
    np += base.off[j + 1] - base.off[j];
  }
  const pos = new Uint32Array(np + delta.pos.length);
  np = 0;
  for (let i = 0; i < nb; i++) {
    const j = keep ? keep[i] : i;
    off[i] = np;
    pos.set(base.pos.subarray(base.off[j], base.off[j + 1]), np);
    np += base.off[j + 1] - base.off[j];
  }
  for (let i = 0; i <= nd; i++) off[nb + i] = np + delta.off[i] - delta.off[0];
  pos.set(delta.pos.subarray(delta.off[0], delta.off[nd]), np);
  return { off, pos };
}

/** The deleted ranges of a delta, checked, sorted and merged, flattened. */
function deletedRanges(d: DeltaMeta | undefined, n: number): Int32Array {
  const rs: [number, number][] = [];
  for (const r of (d && Array.isArray(d.deleted) ? d.deleted : []) as unknown[]) {
    if (!Array.isArray(r)) continue;
    const from = Math.max(0, Math.floor(Number(r[0])));
    const to = Math.min(n, Math.floor(Number(r[1])));
    if (from < to) rs.push([from, to]);
  }
  rs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [from, to] of rs) {
    if (out.length > 0 && from <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], to);
    else out.push(from, to);
  }
  return Int32Array.from(out);
}

/** The thousands separators of query's numbers (2,640 and ２，６４０) left out. */
export function ungroup(query: string): string {
  return query.replace(/([0-9０-９])[,，](?=[0-9０-９]{3}(?![0-9０-９]))/g, "$1");
}

/** Most candidates Index.suggest searches for. */
const SUGGEST_TRIES = 8;

/**
 * The suggestion file read: each term's rank, and the characters before
 * and after each character, most frequent first; inner, the terms it
 * lists a second time, each only ever the middle of one longer run of the
 * text (外奖 of 额外奖金; see suggestTerms in generator/search/suggest.go).
 */
interface Words {
  rank: Map<string, number>;
  after: Map<number, number[]>;
  before: Map<number, number[]>;
  inner: Set<string>;
}

function readWords(text: string): Words {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const w: Words = { rank: new Map(), after: new Map(), before: new Map(), inner: new Set() };
  const add = (m: Map<number, number[]>, k: number, v: number) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (let i = 0; i + 1 < cps.length; i += 2) {
    const [a, b] = [cps[i], cps[i + 1]];
    const t = String.fromCodePoint(a, b);
    if (w.rank.has(t)) {
      w.inner.add(t);
      continue;
    }
    w.rank.set(t, i / 2);
    add(w.after, a, b);
    add(w.before, b, a);
  }
  return w;
}

/**
 * A query Index.suggest may offer: the terms the words lack in it, the
 * rank of its least frequent new term, the length of the run of CJK changed
 * and, for a run of two, the run as changed.
 */
interface Try {
  q: string;
  miss: number;
  rank: number;
  run: number;
  pair?: string;
}

/**
 * The queries one character of a run of CJK away from the query cps (one
 * replaced, or two neighbours swapped) whose new terms are all in words
 * and which have fewer terms the words lack than cps (none when cps has
 * none), most likely first: those left with the fewest such terms (the
 * typo was where the query has one), then the one whose least frequent
 * new term is the most frequent.
 */
function oneAway(cps: number[], w: Words): Try[] {
  const cjk = (q: number[], i: number) => i >= 0 && i < q.length && isCJK(q[i]);
  const rankOf = (a: number, b: number) => w.rank.get(String.fromCodePoint(a, b)) ?? -1;
  /** The terms of q the words lack. */
  const unknown = (q: number[]) => {
    let n = 0;
    for (let i = 0; i + 1 < q.length; i++) if (cjk(q, i) && cjk(q, i + 1) && rankOf(q[i], q[i + 1]) < 0) n++;
    return n;
  };
  // A typo leaves a term the words lack (保秘, 淘太, 彩购): a query of
  // known terms (大客户总监的职责) is the reader's own wording, and 大客户总监
  // 的职务, one character away, no correction of it.
  const before = unknown(cps);
  if (before === 0) return [];
  const seen = new Set<string>();
  const out: Try[] = [];
  /** Adds q, changed at i and i+1 (or at i alone), in the run [a, b). */
  const push = (q: number[], i: number, swapped: boolean, a: number, b: number) => {
    let rank = 0;
    for (let k = i - 1; k <= i + (swapped ? 1 : 0); k++) {
      if (!cjk(q, k) || !cjk(q, k + 1)) continue;
      const r = rankOf(q[k], q[k + 1]);
      if (r < 0) return;
      rank = Math.max(rank, r);
    }
    const s = String.fromCodePoint(...q);
    if (seen.has(s)) return;
    seen.add(s);
    const miss = unknown(q);
    if (miss < before) out.push({ q: s, miss, rank, run: b - a, pair: b - a === 2 ? String.fromCodePoint(q[a], q[a + 1]) : undefined });
  };
  for (let i = 0; i < cps.length; i++) {
    if (!cjk(cps, i)) continue;
    const prev = cjk(cps, i - 1) ? cps[i - 1] : -1;
    const next = cjk(cps, i + 1) ? cps[i + 1] : -1;
    if (prev < 0 && next < 0) continue;
    let a = i;
    let b = i + 1;
    while (cjk(cps, a - 1)) a--;
    while (cjk(cps, b)) b++;
    for (const x of prev >= 0 ? (w.after.get(prev) ?? []) : (w.before.get(next) ?? [])) {
      if (x === cps[i]) continue;
      const q = cps.slice();
      q[i] = x;
      push(q, i, false, a, b);
    }
    if (next >= 0 && cps[i] !== next) {
      const q = cps.slice();
      [q[i], q[i + 1]] = [q[i + 1], q[i]];
      push(q, i, true, a, b);
    }
  }
  return out.sort((a, b) => a.miss - b.miss || a.rank - b.rank);
}

/**
 * An opened index of one edition. It fetches meta.json when opened and
 * each shard the first time a query needs it. An index with a delta
 * (meta.delta) is two segments ranked as one: a term's postings are the
 * base's, less its deleted docs, followed by the delta's, fetched at once.
 */
export class Index {
  private postings = new Map<string, Promise<Postings>>();
  private last: Run | null = null;
  /** Searches run one at a time: a run's state is shared between calls. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly base: Segment;
  private readonly delta: Segment | null;
  /** The base docs no query returns, as flattened [from, to) pairs. */
  private readonly deleted: Int32Array;
  /** Whether the index is its base alone: no delta, nothing deleted. */
  private readonly plain: boolean;
  /** Number of docs a query may return, and their average length (deleted ones included). */
  private readonly live: number;
  private readonly avgLen: number;
  /** Meta.fold as a map of code points. */
  private readonly fold = new Map<number, number>();

  private constructor(
    readonly meta: Meta,
    private readonly fetch: Fetcher,
  ) {
    this.base = new Segment(meta, 0, fetch);
    const d = meta.delta;
    this.deleted = deletedRanges(d, meta.docs);
    const dd = d && typeof d.files === "string" && (d.docs ?? 0) > 0 && (d.docsPerShard ?? 0) > 0 && (d.shards ?? 0) > 0 ? d : null;
    this.delta = dd
      ? new Segment(
          { docs: dd.docs!, avgLen: dd.avgLen || 0, shards: dd.shards!, common: dd.common, docsPerShard: dd.docsPerShard!, files: dd.files!, encoding: dd.encoding ?? meta.encoding },
          meta.docs,
          fetch,
        )
      : null;
    this.plain = !this.delta && this.deleted.length === 0;
    let gone = 0;
    for (let i = 0; i < this.deleted.length; i += 2) gone += this.deleted[i + 1] - this.deleted[i];
    const nd = this.delta ? this.delta.m.docs : 0;
    this.live = meta.docs - gone + nd;
    // With the deleted docs' length known (deletedLen), the average is over
    // the live docs, exactly a full build's; else over both parts.
    const delLen = d && typeof d.deletedLen === "number" && d.deletedLen > 0 ? d.deletedLen : 0;
    const baseLen = meta.avgLen * meta.docs;
    const deltaLen = this.delta ? this.delta.m.avgLen * nd : 0;
    const fold = d && typeof d.fold === "string" ? d.fold : meta.fold;
    const fcps = typeof fold === "string" ? Array.from(fold, (c) => c.codePointAt(0)!) : [];
    for (let i = 0; i + 1 < fcps.length; i += 2) this.fold.set(fcps[i], fcps[i + 1]);
    if (!this.delta && gone === 0) this.avgLen = meta.avgLen;
    else if (delLen > 0) this.avgLen = (baseLen - delLen + deltaLen) / Math.max(1, this.live);
    else this.avgLen = (baseLen + deltaLen) / Math.max(1, meta.docs + nd);
  }

  static async open(fetch: Fetcher): Promise<Index> {
    const meta = JSON.parse(utf8d.decode(await fetch("meta.json"))) as Meta;
    if (meta.format !== FORMAT_VERSION || meta.tokenizer !== TOKENIZER_VERSION) {
      throw new VersionError(`search: index format ${meta.format}/${meta.tokenizer}, script expects ${FORMAT_VERSION}/${TOKENIZER_VERSION}`);
    }
    return new Index(meta, fetch);
  }

  /** The phrases of query, its traditional characters read as the index has them (Meta.fold); loose, see parseQuery. */
  private parse(query: string, loose = false): Phrase[] {
    return parseQuery(this.folded(query), loose);
  }

  /** Query with its traditional characters read as the index has them (Meta.fold), and without its format characters (isFormat). */
  private folded(query: string): string {
    let q = "";
    for (const ch of query) {
      const c = ch.codePointAt(0)!;
      if (isFormat(c)) continue;
      const f = this.fold.get(c);
      q += f === undefined ? ch : String.fromCodePoint(f);
    }
    return q;
  }

  private words: Promise<Words> | null = null;
  /** Counts calls of search: a suggest under way gives up when a search is asked for after it. */
  private asked = 0;

  /**
   * Up to limit queries one character away from query that some clause
   * holds whole, when none holds query whole: a character of a run of
   * Chinese replaced by another (保秘 → 保密, 末位淘太 → 末位淘汰), or two
   * neighbours swapped (密保 → 保密). The candidates come from the index's
   * own frequent terms (Meta.suggest), those whose new terms are the most
   * frequent first, and each is searched for, at most SUGGEST_TRIES of
   * them; the index's last search (for show-more and whole()) is kept.
   * It gives up (empty) when a search is asked for before it is done, so
   * that the reader typing on does not wait for it.
   * Empty for a query held whole, or an index without suggestion file.
   */
  suggest(query: string, limit = 3): Promise<string[]> {
    const at = this.asked;
    const p = this.queue.then(() => this.suggestNow(query, limit, at));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async suggestNow(query: string, limit: number, at: number): Promise<string[]> {
    const name = this.meta.suggest;
    if (typeof name !== "string" || name === "" || limit <= 0) return [];
    const saved = this.last;
    const savedAs = this.readAs;
    try {
      if (await this.holds(query)) return [];
      if (!this.words) {
        this.words = this.fetch(name)
          .then((b) => (this.meta.encoding === "gzip" ? gunzip(b) : b))
          .then((b) => readWords(utf8d.decode(b)));
        this.words.catch(() => {
          this.words = null;
        });
      }
      const words = await this.words;
      // The query as typed, but its spaces around (the offer is a query of
      // its own); none for one longer than a search reads.
      const cps = Array.from(this.folded(query.trim()), (c) => c.codePointAt(0)!);
      if (cps.length > MAX_QUERY) return [];
      const tries = oneAway(cps, words);
      // A change to a term outside the most frequent eighth of the
      // index's is offered only in a run of four characters or more, the
      // other three of which some clause holds with it (末位淘太 → 末位淘汰),
      // and only first: two characters alone are no evidence, and 保秘
      // offers 保密, not also 保留, nor the 保大 of 确保大客户, nor 出差 出内.
      const common = Math.ceil(words.rank.size / 8);
      const out: string[] = [];
      let first: Try | null = null;
      for (const t of tries.slice(0, SUGGEST_TRIES)) {
        // The reader typed on (the box asked for another search): its
        // results come first, and these would be shown for no query.
        if (this.asked !== at) return [];
        if (t.rank >= common && (first || t.run < 4)) continue;
        // Two characters are offered a word of the text, not the middle
        // of a longer one's (获奖 was offered 外奖, of 额外奖金).
        if (t.pair !== undefined && words.inner.has(t.pair)) continue;
        if (first && t.miss > first.miss) continue;
        if (!(await this.holds(t.q))) continue;
        first ??= t;
        out.push(t.q);
        if (out.length >= limit) break;
      }
      return out;
    } finally {
      this.last = saved;
      this.readAs = savedAs;
    }
  }

  /** Whether a clause holds every phrase of query whole (the search lists those first). */
  private async holds(query: string): Promise<boolean> {
    const n = this.parse(query).length;
    if (n === 0) return false;
    const r = await this.searchNow(query, 1);
    return r.hits.length > 0 && held(r.hits[0]) >= n;
  }

  /** Starts fetching the files of term t's positions, if it has any. */
  private positionsFile(t: string): void {
    this.base.positionsFile(t);
    if (this.delta) this.delta.positionsFile(t);
  }

  /** Where term t is in each doc of its postings. */
  private async positions(t: string): Promise<Positions> {
    if (this.plain) return this.base.positions(t);
    const d = this.delta;
    const [bp, bpos, dpos] = await Promise.all([this.base.term(t), this.base.positions(t), d ? d.positions(t) : NO_POSITIONS]);
    return mergePositions(bpos, liveIndices(bp, this.deleted), dpos);
  }

  /** The postings of term t, from each segment. */
  private term(t: string): Promise<Postings> {
    if (this.plain) return this.base.term(t);
    const d = this.delta;
    return kept(this.postings, t, () =>
      Promise.all([this.base.term(t), d ? d.term(t) : EMPTY]).then(([b, dp]) => mergePostings(b, liveIndices(b, this.deleted), dp, this.meta.docs)),
    );
  }

  /** Counts prefetches: a newer one supersedes an older one still waiting. */
  private prefetches = 0;

  /**
   * Starts what a search for query will need, without answering it, so
   * that a search for it soon after (the box searches once the reader
   * pauses) finds the work done: the postings of its terms and, with a
   * limit, then its ranking and the text of its first limit clauses — the
   * doc shards, fetched during the pause rather than after it. A later
   * prefetch supersedes this one if it comes before the postings have
   * arrived. The promise (which never rejects) settles when all of that is
   * done or given up.
   */
  prefetch(query: string, limit = 0): Promise<void> {
    const n = ++this.prefetches;
    // The search reads the query without its numbers' separators first
    // (searchNow); the query as typed only when no clause holds that whole.
    const lists = this.parse(ungroup(query)).flatMap((ph) => ph.terms.map((t) => this.term(t.text)));
    return Promise.all(lists)
      .then(() => {
        if (limit > 0 && lists.length > 0 && n === this.prefetches) return this.search(query, limit);
      })
      .then(
        () => undefined,
        () => undefined, // the search itself reports it
      );
  }

  /**
   * The best limit clauses for query, best first, with their records, and
   * how many clauses were found. Asking again for the same query with a
   * larger limit continues where the last call stopped.
   */
  search(query: string, limit = 10): Promise<SearchResult> {
    this.asked++;
    const p = this.queue.then(() => this.searchNow(query, limit));
    this.queue = p.catch(() => undefined);
    return p;
  }

  /**
   * How many clauses hold every phrase of query whole (its characters
   * adjacent and in order), after a search for it: the search lists them
   * first, but its total also counts the clauses holding the terms apart
   * (大客户 … 经理), as a search engine that counts pages with every word
   * would. For a phrase of several terms, this fetches where each term is
   * (what a search reads only when the text of its first candidates
   * showed the terms apart) and makes every candidate's rank exact, which
   * the listing of the rest then uses; or, when few clauses may hold it,
   * reads their text. It is -1 (unknown) for a query of more than
   * WHOLE_TERMS terms that many clauses may hold.
   */
  whole(query: string): Promise<number> {
    const p = this.queue.then(() => this.wholeNow(query));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async wholeNow(query: string): Promise<number> {
    const as = this.readAs?.query === query ? this.readAs.as : query;
    const run = this.last?.query === as ? this.last : null;
    if (!run) throw new Error("search: whole() before search() for this query");
    if (run.apart) return 0;
    const P = run.phrases.length;
    const cs = run.cands;
    let n = 0;
    for (const h of run.hits) if (held(h) >= P) n++;
    for (const h of run.pending) if (held(h) >= P) n++;
    // The others are left, their bounds exact, or only upper bounds: those
    // whose bound holds every phrase.
    const holding = () => Array.from(cs.left()).filter((i) => heldBound(cs.group[i]) >= P);
    // Their text tells which hold it.
    const read = async (left: number[]) => {
      const recs = await this.docs(left.map((i) => cs.docs[i]));
      let k = 0;
      left.forEach((i, j) => {
        if (held(verify(cs, i, recs[j], run.phrases, run.seeds, run.names)) >= P) k++;
      });
      return k;
    };
    let left = holding();
    if (!run.exactBounds && run.phrases.some((p) => p.terms.length > 1)) {
      // Few clauses may hold it (a long query's terms rarely fall at
      // the offsets of the phrase): their text tells.
      if (left.length <= WHOLE_BY_TEXT) return n + (await read(left));
      // Where a long query's many terms are would weigh more than the
      // count is worth to the reader.
      if (run.names.length > WHOLE_TERMS) return -1;
      const pos = await Promise.all(run.names.map((n) => this.positions(n)));
      exactBounds(cs, run.phrases, run.names, run.lists, pos);
      run.exactBounds = true;
      left = holding();
    }
    // Where the terms' positions leave it open (cs.unsure), the text of
    // those clauses tells, if they are not too many.
    const unsure = left.filter((i) => cs.unsure[i] === 1);
    if (unsure.length === 0) return n + left.length;
    if (unsure.length > WHOLE_BY_GAPS) return -1;
    return n + left.length - unsure.length + (await read(unsure));
  }

  /** The query searched for in place of the last one asked for (see searchNow), when it is another. */
  private readAs: { query: string; as: string } | null = null;

  /**
   * searchRun for query, or for it read without the thousands separators
   * of its numbers (2,640元 as 2640元, as a handbook's text mostly writes
   * it) when that differs: that one if some clause holds it whole, else
   * the query as typed if some clause holds that whole (a text writing
   * 12,500元), else the one with results, the first. Typed so, it found
   * the 第2条 of every page. Asking again for the same query continues
   * with the one chosen.
   */
  private async searchNow(query: string, limit: number): Promise<SearchResult> {
    const plain = ungroup(query);
    if (plain === query) return this.searchRun(query, limit);
    if (this.readAs?.query === query && this.last?.query === this.readAs.as) return this.searchRun(this.readAs.as, limit);
    const whole = (r: SearchResult, q: string) => r.hits.length > 0 && held(r.hits[0]) >= this.parse(q).length;
    const rp = await this.searchRun(plain, limit);
    let as = plain;
    let r = rp;
    if (!whole(rp, plain)) {
      const read = this.last;
      const rq = await this.searchRun(query, limit);
      if (whole(rq, query) || rp.total === 0) {
        as = query;
        r = rq;
      } else this.last = read;
    }
    this.readAs = { query, as };
    return r;
  }

  private async searchRun(query: string, limit: number): Promise<SearchResult> {
    const phrases = this.parse(query);
    if (phrases.length === 0 || this.live <= 0) {
      return { hits: [], total: 0, empty: phrases.length === 0 ? "query" : undefined };
    }
    let run = this.last;
    if (!run || run.query !== query) {
      run = await this.newRun(query, phrases, limit);
      // No clause holds the query whole, as its first hit shows (they
      // come first): rank by its words, each whole (see wordsOf), so
      // that a clause saying 内勤 in its heading and 直接上级 in its text
      // ranks above one saying 直接上级 beside a note's 内勤, and one
      // saying 内勤 and 上级 is found for 内勤的上级是谁 (its 的上 and 是谁
      // were half its terms). Its hits are partial matches still.
      if (!run.apart) {
        await this.fill(run, 1);
        if (run.hits.length === 0 || held(run.hits[0]) < run.phrases.length) {
          const w = await this.wordsRun(run, limit);
          if (w) run = w;
        }
      }
    }
    await this.fill(run, limit);
    const shown = run.hits.slice(0, limit);
    await Promise.all(shown.map((h) => (h.lead === undefined ? this.lead(h) : undefined)));
    // Read as its words, the query is held whole by none of them.
    const hits = run.apart ? shown.map((h) => ({ ...h, exact: 0, inHeading: 0, inPath: 0, noted: 0 })) : shown;
    return { hits, total: run.cands.n, partial: run.partial || undefined };
  }

  /** A new run for query, its text of the best candidates being fetched. */
  private async newRun(query: string, typed: Phrase[], limit: number): Promise<Run> {
    let phrases = typed;
    const names = [...new Set(phrases.flatMap((p) => p.terms.map((t) => t.text)))];
    const lists = await Promise.all(names.map((n) => this.term(n)));
    let cands = candidates(phrases, names, lists, this.live, this.avgLen || 1, this.layout);
    // No clause may hold the query as typed: read it loose, as its
    // words with punctuation or space between them (公平公正公开 in
    // 公平、公正、公开), the same terms, which then rank as whole.
    if (cands.n > 0 && !mayHold(cands, phrases.length)) {
      const loose = this.parse(query, true);
      if (loose.some((ph, i) => ph.pieces.length !== phrases[i].pieces.length)) {
        const lc = candidates(loose, names, lists, this.live, this.avgLen || 1, this.layout);
        if (mayHold(lc, loose.length)) {
          phrases = loose;
          cands = lc;
        }
      }
    }
    let partial = false;
    if (cands.n === 0 && names.length > 1) {
      cands = candidates(phrases, names, lists, this.live, this.avgLen || 1, this.layout, 1);
      partial = cands.n > 0;
    }
    const run = this.started(query, phrases, names, lists, cands, partial, false, limit);
    // None may hold it: its words at once, before reading any text.
    if (cands.n > 0 && !mayHold(cands, phrases.length)) return (await this.wordsRun(run, limit)) ?? run;
    return run;
  }

  /**
   * A run of the query's words (see wordsOf) in place of run, whose
   * clauses hold none of the query whole; null when its words are the
   * query as typed, or no clause holds any of them.
   */
  private async wordsRun(run: Run, limit: number): Promise<Run | null> {
    const words = await this.wordsOf(run.phrases, run.names, run.lists);
    if (!words) return null;
    const names = [...new Set(words.flatMap((p) => p.terms.map((t) => t.text)))];
    const lists = await Promise.all(names.map((n) => this.term(n)));
    // The clauses holding every word, if any (the answer to a question
    // holds its words), else those holding enough of their terms, else
    // any.
    let cands = candidates(words, names, lists, this.live, this.avgLen || 1, this.layout, names.length);
    if (cands.n === 0) cands = candidates(words, names, lists, this.live, this.avgLen || 1, this.layout);
    let least = false;
    if (cands.n === 0 && names.length > 1) {
      cands = candidates(words, names, lists, this.live, this.avgLen || 1, this.layout, 1);
      least = true;
    }
    if (cands.n === 0) return null;
    return this.started(run.query, words, names, lists, cands, run.partial || least, true, limit);
  }

  /** A run, made the index's last, its first candidates' text being fetched. */
  private started(query: string, phrases: Phrase[], names: string[], lists: Postings[], cands: Cands, partial: boolean, apart: boolean, limit: number): Run {
    const run: Run = {
      query,
      phrases,
      seeds: seedsOf(phrases),
      names,
      lists,
      cands,
      partial,
      apart,
      pending: [],
      hits: [],
      misses: 0,
      exactBounds: false,
      next: [],
    };
    this.last = run;
    // Start fetching the text of the best candidates; most queries need
    // no others, and so never order the rest.
    run.next = cands.take(Math.max(MIN_BATCH, limit));
    this.docs(run.next.map((i) => cands.docs[i])).catch(() => undefined);
    return run;
  }

  /** Reads candidates of run until it has limit hits, or none is left. */
  private async fill(run: Run, limit: number): Promise<void> {
    const cs = run.cands;
    while (run.hits.length < limit) {
      let batch = run.next;
      run.next = [];
      if (batch.length === 0) {
        const c = cs.peek();
        if (run.pending.length > 0 && (c < 0 || hitFirst(run.pending[0], cs, c))) {
          run.hits.push(run.pending.shift()!);
          continue;
        }
        if (c < 0) break;
        // Read the text of the next candidates by bound: twice as many as
        // hits are still wanted, a round of fewer requests. Many read in
        // vain make the bounds exact (MAX_MISSES), not the batches larger:
        // that took more doc shards and no less time.
        const want = limit - run.hits.length;
        batch = cs.take(Math.min(Math.max(MIN_BATCH, want), 2 * want));
      }
      const recs = await this.docs(batch.map((i) => cs.docs[i]));
      batch.forEach((i, k) => {
        const h = verify(cs, i, recs[k], run.phrases, run.seeds, run.names);
        if (h.exact !== cs.group[i] >>> 20 || h.inHeading !== ((cs.group[i] >>> 16) & 0xf)) run.misses++;
        run.pending.push(h);
      });
      run.pending.sort(cmpHits);
      if (!run.exactBounds && run.misses > MAX_MISSES - MIN_BATCH) {
        // The next batch may well be in vain too: fetch the positions now,
        // alongside it.
        for (const n of run.names) this.positionsFile(n);
      }
      if (run.misses > MAX_MISSES && !run.exactBounds) {
        // The terms are often apart in these clauses: rather than read
        // them one by one, fetch where the terms are and make every bound
        // exact.
        const pos = await Promise.all(run.names.map((n) => this.positions(n)));
        exactBounds(cs, run.phrases, run.names, run.lists, pos);
        run.exactBounds = true;
      }
    }
  }

  /**
   * The query's phrases read as their words (see wordsOf), or null when
   * that reads them as typed or leaves nothing. Two characters that no
   * clause holds together are apart: the pairs of the query not among its
   * terms (names, with their postings lists) are looked up.
   */
  private async wordsOf(phrases: Phrase[], names: string[], lists: Postings[]): Promise<Phrase[] | null> {
    const df = new Map<string, number>(names.map((n, i) => [n, lists[i].df]));
    const pairs = new Set<string>();
    for (const ph of phrases) {
      for (let i = 0; i + 1 < ph.chars.length; i++) {
        if (!isCJK(ph.chars[i]) || !isCJK(ph.chars[i + 1])) continue;
        const t = String.fromCodePoint(ph.chars[i], ph.chars[i + 1]);
        if (!df.has(t)) pairs.add(t);
      }
    }
    const more = [...pairs];
    const got = await Promise.all(more.map((t) => this.term(t)));
    more.forEach((t, i) => df.set(t, got[i].df));
    const parts = phrases.flatMap((ph) => wordsOf(ph, (pair) => df.get(pair) === 0));
    if (parts.length === 0) return null;
    const words = parseQuery(parts.join(" "));
    if (words.length === 0 || (words.length === phrases.length && words.every((w, i) => w.text === phrases[i].text))) return null;
    return words;
  }

  /**
   * Sets h.lead: for a section without words of its own, the first clause
   * under it that has some (its heading goes on from the section's: the
   * items of （二）奖惩办法, before it, or the subsections of 大客户内勤月度
   * 绩效考核办法, after it), or for a page's top the first on the page,
   * looked for in the doc shard of h (fetched for it) alone.
   */
  private async lead(h: Hit): Promise<void> {
    const rec = h.record;
    h.lead = null;
    if (ownText(rec.text) !== "") return;
    const seg = this.delta && rec.id >= this.delta.first ? this.delta : this.base;
    const recs = await seg.docShard(Math.floor((rec.id - seg.first) / seg.m.docsPerShard));
    // Its items' path is its heading without the punctuation after it
    // (八、附则 第1条 under 八、附则：).
    const hcps = Array.from(rec.heading);
    let n = hcps.length;
    while (n > 0 && !isTermChar(normalizeCP(hcps[n - 1].codePointAt(0)!))) n--;
    const under = hcps.slice(0, n).join("");
    const isUnder = (r: DocRecord) => {
      if (!r.heading.startsWith(under) || r.heading.length === under.length) return false;
      return !isTermChar(normalizeCP(r.heading.codePointAt(under.length)!));
    };
    for (const r of recs) {
      if (r.id === rec.id || r.url !== rec.url || ownText(r.text) === "") continue;
      if (rec.anchor === "" ? r.id > rec.id : isUnder(r)) {
        h.lead = r;
        return;
      }
    }
  }

  /** Where the doc shards begin. */
  private get layout(): ShardLayout {
    const b = this.base.m;
    const d = this.delta;
    return { per: b.docsPerShard, split: d ? d.first : 0x7fffffff, after: Math.ceil(b.docs / b.docsPerShard), dper: d ? d.m.docsPerShard : 1 };
  }

  /** The stored clauses with the given ids, fetching their doc shards. */
  async docs(ids: number[]): Promise<DocRecord[]> {
    const seg = (id: number) => (this.delta && id >= this.delta.first ? this.delta : this.base);
    const shards = await Promise.all(
      ids.map((id) => {
        const s = seg(id);
        return s.docShard(Math.floor((id - s.first) / s.m.docsPerShard));
      }),
    );
    return ids.map((id, i) => {
      const s = seg(id);
      const rec = shards[i][(id - s.first) % s.m.docsPerShard];
      if (!rec) throw new Error(`search: doc ${id} is not in its shard`);
      return rec;
    });
  }
}

/**
 * The clauses that hold every term of a short query and at least half the
 * terms of a long one (so a phrase with one character different still
 * shows, below the exact ones), with the bounds of their rank. Clauses are
 * ranked first by how many phrases of the query they contain exactly (one
 * in the sections' path counting when another is in the clause itself),
 * then by how many of those are in the heading, then, holding none, by how
 * many their sections' path holds, then by how many of the query's terms
 * they contain at all, then by a BM25 score, then in document order.
 * So a clause lacking the phrase ranks below every clause that has it, and a
 * heading match above a passing mention.
 */
function candidates(phrases: Phrase[], names: string[], lists: Postings[], N: number, avgLen: number, shards: ShardLayout, least = 0): Cands {
  const T = names.length;
  // A term that joins a lone character to a number (0元 of 1500元, see
  // isGlue) is part of a phrase, checked with it, but no word of its own:
  // a clause is found by the other terms (100 of 100分 finds 按100%发放,
  // listed after the clauses holding 100分 whole), and counts them alone.
  // Alone, 0元 is a digit and a character, often of another number.
  // Read partly (least), a % alone is no word either: 112%, in no clause,
  // listed every clause with a percentage as a partial match.
  const glue = Uint8Array.from(names, (n) => (isGlue(n) || (least > 0 && isLonePercent(n)) ? 1 : 0));
  let R = 0;
  for (let ti = 0; ti < T; ti++) R += 1 - glue[ti];
  if (R === 0) {
    glue.fill(0);
    R = T;
  }
  // least, when given, is the fewest terms a clause must hold.
  const need = least > 0 ? Math.min(least, R) : R <= 2 ? R : Math.ceil(R / 2);
  // The score of term ti in a doc depends only on its flags byte; a glue
  // term scores nothing (its 0分 may be that of 20分, elsewhere).
  const contrib = new Float64Array(T * 256);
  lists.forEach((p, ti) => {
    if (glue[ti] === 1) return;
    const idf = Math.log(1 + (N - p.df + 0.5) / (p.df + 0.5));
    for (let f = 0; f < 256; f++) {
      const tf = (f & 7) === 0 ? PARENT_WEIGHT : (f & 1 ? HEADING_WEIGHT : 0) + ((f >> 1) & 3);
      // A clause up to twice the average length is not preferred for
      // being short: BM25 would rank a one-line mention above the clause
      // that defines a term in a few more words, or the tiers of 内勤
      // above those of 销售人员, which say the same; equal scores then
      // keep reading order. Longer clauses are normalised as BM25 does.
      const len = Math.max(SHORT * avgLen, Math.pow(1.25, (f >> 3) + 0.5));
      contrib[ti * 256 + f] = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgLen));
    }
  });
  const shape = shapesOf(phrases, names);
  const phraseNexts = phrases.map(nextBits);
  if (shortcuts && T === 1 && glue[0] === 0 && phrases.length === 1 && phrases[0].terms.length === 1) return oneTerm(lists[0], contrib, shards);
  // A clause holding need of the R terms holds one of the R - need + 1
  // rarest (else it holds at most need - 1): walk those lists in step (a
  // merge of sorted lists; the rarest alone when every term is needed)
  // and gallop to each of their docs in the others. With 大客 in 84,000
  // clauses, 大客户经理 walks the 11,000 of 经理 and 户经, not 95,000.
  const byDf = Array.from(names.keys()).filter((ti) => glue[ti] === 0);
  byDf.sort((a, b) => lists[a].df - lists[b].df || a - b);
  const drive = new Uint8Array(T);
  let cap = 0;
  const drivers = shortcuts ? byDf.slice(0, R - need + 1) : byDf;
  for (const ti of drivers) {
    drive[ti] = 1;
    cap += lists[ti].df;
  }
  // One list to walk (every term needed): its docs in turn, no merge.
  const lead = drivers.length === 1 ? drivers[0] : -1;
  const leadList = lead >= 0 ? lists[lead] : EMPTY;
  const docs = new Int32Array(cap);
  const group = new Int32Array(cap);
  const score = new Float64Array(cap);
  let n = 0;
  let lastSc = -1;
  let lastStep = 0;
  const cur = new Int32Array(T);
  const at = new Int32Array(T);
  for (;;) {
    let doc = 0x7fffffff;
    if (lead >= 0) {
      if (cur[lead] >= leadList.df) break;
      doc = leadList.docs[cur[lead]];
    } else {
      for (let ti = 0; ti < T; ti++) {
        const p = lists[ti];
        if (drive[ti] === 1 && cur[ti] < p.df && p.docs[cur[ti]] < doc) doc = p.docs[cur[ti]];
      }
      if (doc === 0x7fffffff) break;
    }
    let present = 0;
    let sc = 0;
    for (let ti = 0; ti < T; ti++) {
      const p = lists[ti];
      let c = cur[ti];
      if (drive[ti] === 0) {
        // Gallop to doc.
        let step = 1;
        while (c + step < p.df && p.docs[c + step] < doc) step *= 2;
        let lo = c;
        let hi = Math.min(p.df, c + step + 1);
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          if (p.docs[m] < doc) lo = m + 1;
          else hi = m;
        }
        c = lo;
      }
      if (c < p.df && p.docs[c] === doc) {
        sc += contrib[ti * 256 + p.flags[c]];
        at[ti] = c++;
        present += 1 - glue[ti];
      } else at[ti] = -1;
      cur[ti] = c;
    }
    if (present < need) continue;
    let possible = 0;
    let headPossible = 0;
    // Phrases with a term in the clause's sections' path and not in its
    // own heading or text: whole there, maybe (see verify).
    let inParent = 0;
    for (let pi = 0; pi < shape.length; pi++) {
      const { terms: tis, offs, piece } = shape[pi];
      const nbits = phraseNexts[pi];
      // Some term of the phrase only in the sections' path: the phrase
      // is not whole in the clause's own heading or text, and may be in
      // the path (its other terms may be in both).
      let pathOnly = 0;
      let all = 1;
      let head = 1;
      let text = 1;
      // Bit k of starts (hstarts): the piece may start in the text (the
      // heading) at an offset ≡ k (mod 8); every piece must be able to.
      let starts = 0xff;
      let hstarts = 0xff;
      for (let k = 0; k < tis.length; k++) {
        const i = at[tis[k]];
        if (i < 0) {
          all = pathOnly = 0;
          break;
        }
        const p = lists[tis[k]];
        // A term in the path alone is in neither the text nor the
        // heading; its sigs byte is its starts in the path.
        const only = (p.flags[i] & 7) === 0;
        if (only) pathOnly = 1;
        if (k > 0 && piece[k] === 1) {
          if ((starts & 0xff) === 0) text = 0;
          if ((hstarts & 0xff) === 0) head = 0;
          starts = hstarts = 0xff;
        }
        const o = offs[k];
        const sig = only ? 0 : p.sigs[i];
        const hsig = p.hsigs[i];
        starts &= (sig >>> o) | (sig << (8 - o));
        hstarts &= (hsig >>> o) | (hsig << (8 - o));
        // Not followed by the phrase's next character anywhere: the
        // piece is in neither the text nor the heading.
        if ((p.nexts[i] & nbits[k]) !== nbits[k]) starts = hstarts = 0;
      }
      if ((hstarts & 0xff) === 0) head = 0;
      if ((starts & 0xff) === 0) text = 0;
      if (text === 0 && head === 0) all = 0;
      possible += all;
      headPossible += all & head;
      if (pathOnly === 1 && pathMayHold(shape[pi], lists, at)) inParent++;
    }
    let inPath = 0;
    if (possible > 0) possible += inParent;
    else inPath = inParent;
    docs[n] = doc;
    group[n] = (possible << 20) | (headPossible << 16) | (inPath << 12) | Math.min(present, 0xfff);
    // Neighbours often score alike (the same flags): one quantize() for a run.
    if (sc !== lastSc) {
      lastSc = sc;
      lastStep = quantize(sc);
    }
    score[n] = lastStep;
    n++;
  }
  return candsOf(docs, group, score, n, shards);
}

/**
 * A phrase's terms as indices into the query's names, each one's offset in
 * its piece (mod 8), and where each piece of the phrase starts among its
 * terms (1): the offsets of the terms of one piece are fixed, those of two
 * pieces are not.
 */
interface Shape {
  terms: Int32Array;
  offs: Int32Array;
  piece: Uint8Array;
}

function shapesOf(phrases: Phrase[], names: string[]): Shape[] {
  const tIndex = new Map(names.map((n, i) => [n, i]));
  return phrases.map((ph) => {
    const offs = new Int32Array(ph.terms.length);
    for (const pc of ph.pieces) for (let j = pc.first; j < pc.end; j++) offs[j] = (ph.terms[j].pos - pc.start) & 7;
    return {
      terms: Int32Array.from(ph.terms, (t) => tIndex.get(t.text)!),
      offs,
      piece: Uint8Array.from(ph.terms, (_, j) => (ph.pieces.some((pc) => pc.first === j) ? 1 : 0)),
    };
  });
}

/**
 * Whether a clause's sections' path may hold the phrase whole, the clause
 * holding every term of it (at: each term's index in its postings) and
 * some in the path alone: every piece of it must be able to start there
 * at one offset (mod 8) by the starts in the path of the terms there alone
 * (their sigs byte). A term also in the clause's own heading or text may
 * be anywhere in the path: a path holding one term of the phrase alone
 * is no evidence, one holding two apart (客户 and 经理 of 一、客户资料 ·
 * 经理职责, for 客户经理工资) rules it out, where the search read the text
 * of every such clause in vain.
 */
function pathMayHold(sh: Shape, lists: Postings[], at: Int32Array): boolean {
  let starts = 0xff;
  for (let k = 0; k < sh.terms.length; k++) {
    if (k > 0 && sh.piece[k] === 1) {
      if (starts === 0) return false;
      starts = 0xff;
    }
    const p = lists[sh.terms[k]];
    const i = at[sh.terms[k]];
    if ((p.flags[i] & 7) !== 0) continue;
    const sig = p.sigs[i];
    const o = sh.offs[k];
    starts &= ((sig >>> o) | (sig << (8 - o))) & 0xff;
  }
  return starts !== 0;
}

/** The first n candidates of the arrays, their ties ordered (tieOrder). */
function candsOf(docs: Int32Array, group: Int32Array, score: Float64Array, n: number, shards: ShardLayout): Cands {
  const d = docs.subarray(0, n);
  const g = group.subarray(0, n);
  const s = score.subarray(0, n);
  return new Cands(d, g, s, tieOrder(d, g, s, shards));
}

/**
 * Whether candidates() takes its shortcuts: oneTerm for a query of one
 * term, and a walk of the rarest lists alone. Tests compare them with the
 * plain merge of every list.
 */
let shortcuts = true;

/** For tests: answer every query with the plain merge of its lists (false), or take the shortcuts (true, the default). */
export function useShortcuts(on: boolean): void {
  shortcuts = on;
}

/**
 * Scores within a step of CLOSE are one: reading order decides between
 * them (see tieOrder), not a few characters of length.
 */
function quantize(sc: number): number {
  return sc > 0 ? Math.pow(CLOSE, Math.floor(Math.log(sc) / LOG_CLOSE)) : 0;
}

/**
 * candidates() for a query of one term (保密, 述职, 2025.1): every doc of
 * its postings, with the bounds the general loop gives them, but with its
 * score by the flags byte, one quantize() per byte value rather than one per
 * clause, and no merge. Most of a first query's time is this code run cold
 * over thousands of clauses: the fewer steps a clause takes, the sooner.
 * The term starts its phrase's only piece and no other term follows it:
 * its offset there is 0 and no character must follow it, so its
 * signatures are its starts as they are (see the general loop).
 */
function oneTerm(p: Postings, contrib: Float64Array, shards: ShardLayout): Cands {
  const n = p.df;
  const group = new Int32Array(n);
  const score = new Float64Array(n);
  const stepOf = new Float64Array(256);
  for (let f = 0; f < 256; f++) stepOf[f] = quantize(contrib[f]);
  for (let i = 0; i < n; i++) {
    const f = p.flags[i];
    // As the general loop: the phrase whole in the text or the heading,
    // maybe (possible), in the heading (headPossible), or its term in the
    // sections' path alone (pathOnly), counted beside a phrase or alone.
    const head = p.hsigs[i] !== 0 ? 1 : 0;
    const pathOnly = (f & 7) === 0 ? 1 : 0;
    const all = (pathOnly === 0 && p.sigs[i] !== 0) || head === 1 ? 1 : 0;
    const possible = all > 0 ? all + pathOnly : 0;
    const inPath = all > 0 ? 0 : pathOnly;
    group[i] = (possible << 20) | ((all & head) << 16) | (inPath << 12) | 1;
    score[i] = stepOf[f];
  }
  return candsOf(p.docs, group, score, n, shards);
}

/**
 * For each term of phrase ph, the bit (see nextHash) of the character that
 * must follow it in a clause holding the phrase, or 0 where none must: a
 * character of the same piece that another term of it holds (the 档 of
 * 客户档案 after 客户), not one after a range's glue (9…分) or the piece.
 */
export function nextBits(ph: Phrase): Uint8Array {
  const out = new Uint8Array(ph.terms.length);
  for (const pc of ph.pieces) {
    for (let j = pc.first; j < pc.end; j++) {
      const t = ph.terms[j];
      if (isSpan(t.text)) continue;
      const e = t.pos + t.len;
      for (let k = pc.first; k < pc.end; k++) {
        const u = ph.terms[k];
        if (k !== j && !isSpan(u.text) && u.pos <= e && e < u.pos + u.len) {
          out[j] = 1 << nextHash(ph.chars[ph.from + e]);
          break;
        }
      }
    }
  }
  return out;
}

/** Above every count of candidates in one doc shard. */
const FREE = 1 << 20;

/**
 * Which doc shard holds doc d: d / per (rounded down) in the base, and
 * after + (d - split) / dper in the delta, from doc split on.
 */
interface ShardLayout {
  per: number;
  split: number;
  after: number;
  dper: number;
}

/**
 * The order among candidates of equal bounds (group and score), lower
 * first, for candidates in document order. Which of them comes first is up
 * to us, and what a first query costs is mostly the number of doc shards it
 * fetches for its results: the ties of a large site are often hundreds of
 * clauses, one or two per shard. So a candidate whose shard holds one with
 * better bounds comes first (that shard is fetched anyway, for the better
 * one), then one whose shard holds the most candidates of its own bounds
 * (one fetch for several results), then document order. It depends on the
 * candidate alone, so it orders hits of equal rank too.
 */
function tieOrder(docs: Int32Array, group: Int32Array, score: Float64Array, l: ShardLayout): Float64Array {
  const n = docs.length;
  const tie = new Float64Array(n);
  // One loop, not a call per shard: it runs cold, and a loop gets compiled
  // while it runs. A shard's candidates are adjacent.
  let run = 0;
  let sh = -1;
  let bg = 0;
  let bs = 0;
  let same = 0;
  for (let i = 0; i <= n; i++) {
    const d = i < n ? docs[i] : 0;
    const k = i === n ? -2 : d < l.split ? Math.floor(d / l.per) : l.after + Math.floor((d - l.split) / l.dper);
    if (k !== sh) {
      // The shard's candidates with its best bounds are same; the others are free.
      for (let j = run; j < i; j++) {
        const w = group[j] === bg && score[j] === bs ? same : FREE;
        tie[j] = (FREE - w) * 0x80000000 + docs[j];
      }
      if (i === n) break;
      run = i;
      sh = k;
      bg = group[i];
      bs = score[i];
      same = 1;
      continue;
    }
    const g = group[i];
    const s = score[i];
    if (g > bg || (g === bg && s > bs)) {
      bg = g;
      bs = s;
      same = 1;
    } else if (g === bg && s === bs) same++;
  }
  return tie;
}

/** Index of doc in the sorted docs, or -1. */
function find(docs: Int32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (docs[m] < doc) lo = m + 1;
    else hi = m;
  }
  return lo < docs.length && docs[lo] === doc ? lo : -1;
}

function hasIn(arr: Uint32Array, from: number, to: number, v: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (arr[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo < to && arr[lo] === v;
}

/**
 * Replaces the bounds of the candidates left by their true phrase counts,
 * from the terms' positions.
 */
function exactBounds(cs: Cands, phrases: Phrase[], names: string[], lists: Postings[], pos: Positions[]): void {
  const shape = shapesOf(phrases, names);
  const at = new Int32Array(names.length);
  const left = cs.left();
  for (let li = 0; li < left.length; li++) {
    const ci = left[li];
    const doc = cs.docs[ci];
    for (let ti = 0; ti < names.length; ti++) at[ti] = find(lists[ti].docs, doc);
    let exact = 0;
    let inHeading = 0;
    // Phrases with a term in the clause's sections' path alone (the
    // others may be in its own text too: 绩效考核 for an item saying
    // 绩效 under 绩效考核办法): whole there, maybe (see verify), which has
    // no positions; sure when the phrase is one term.
    let inParent = 0;
    let unsure = 0;
    let gaps = 0;
    for (let pi = 0; pi < phrases.length; pi++) {
      const ph = phrases[pi];
      const tis = shape[pi].terms;
      let missing = false;
      for (let j = 0; j < tis.length; j++) if (at[tis[j]] < 0) missing = true;
      if (missing) continue;
      const p0 = pos[tis[0]];
      let text = false;
      let head = false;
      let field = 0;
      const has = (j: number, q: number) => {
        const p = pos[tis[j]];
        const i = at[tis[j]];
        return hasIn(p.pos, p.off[i], p.off[i + 1], (q * 2) | field);
      };
      for (let k = p0.off[at[tis[0]]]; k < p0.off[at[tis[0]] + 1]; k++) {
        const v = p0.pos[k];
        field = v & 1;
        if (field ? head : text) continue;
        // What stands between the words of a query with punctuation is
        // not known here (95——100, or 95至100): an upper bound.
        const ok = phraseAt(ph, v >>> 1, has);
        if (ok && field) head = true;
        if (ok && !field) text = true;
      }
      if (text || head) {
        exact++;
        if (ph.pieces.length > 1) gaps = 1;
      } else if (tis.some((ti) => (lists[ti].flags[at[ti]] & 7) === 0) && pathMayHold(shape[pi], lists, at)) {
        inParent++;
        if (tis.length > 1) unsure = 1;
      }
      if (head) inHeading++;
    }
    // A phrase of several terms in the sections' path is whole there
    // maybe (unsure), whether counted with the clause's own or alone.
    let inPath = 0;
    if (exact > 0) exact += inParent;
    else inPath = inParent;
    cs.unsure[ci] = unsure | gaps;
    cs.group[ci] = (exact << 20) | (inHeading << 16) | (inPath << 12) | (cs.group[ci] & 0xfff);
  }
  cs.reheap();
}

/**
 * The true rank of a candidate, from its text: where each term of the query
 * is (as the index would have it), hence which phrases are there exactly
 * and what to highlight. A term in the parent sections' path (the first
 * rec.parent code points of the heading) is no part of a phrase of the
 * clause's own, as in the index.
 */
function verify(cs: Cands, ci: number, rec: DocRecord, phrases: Phrase[], seeds: Map<string, [number, number, number][]>, names: string[]): Hit {
  const want = new Map<string, number[]>(names.map((n) => [n, []]));
  // Where each term is in the sections' path, as want has it.
  const pathAt = new Map<string, number[]>(names.map((n) => [n, []]));
  const runs: Found[] = [];
  const fields: number[][] = [];
  for (const [s, field] of [
    [rec.heading, 1],
    [rec.text, 0],
  ] as const) {
    const cps = normalize(s);
    fields[field] = cps;
    scan(cps, (a, b, span) => {
      if (b - a > 64) return;
      const t = termText(cps, a, b, span);
      const list = want.get(t);
      if (list) (field === 1 && a < rec.parent ? pathAt.get(t)! : list).push(a * 2 + field);
      const at = seeds.get(t);
      // A glue term inside a number (0分 of 80分, or of the query's 90分)
      // is no part of the query to show: a run holding it grows from the
      // number's own term.
      if (at && !inWord(cps, a) && !inWord(cps, b)) {
        for (const [pi, qo, ql] of at) {
          const q = phrases[pi].chars;
          if (inWord(q, qo) || inWord(q, qo + ql)) continue;
          // Nor is a % after a number (80%) the % of the query's 105%:
          // the run of the number holds it when the number is the query's.
          if (cps[a] === 0x25 && a > 0 && isDigit(cps[a - 1]) && qo > 0 && isDigit(q[qo - 1])) continue;
          runs.push(grow(cps, a, b, phrases, pi, qo, ql, field === 1));
        }
      }
    });
  }
  for (const l of want.values()) l.sort((x, y) => x - y);
  // Where the editor's notes start in the text, if it has any.
  const mark = rec.text.indexOf(NOTE_MARK);
  const notesAt = mark < 0 ? Infinity : normalize(rec.text.slice(0, mark)).length;
  let noted = 0;
  let exact = 0;
  let inHeading = 0;
  // Phrases found whole in the sections' path, not all their terms in
  // the clause's own heading or text (as the postings can tell: a phrase
  // whose every term the clause says apart is its own partial match): the
  // clause's own when it holds another phrase itself (大客户总监 述职 is
  // the item 述职 under A、大客户总监), else a mention of its section's
  // name only.
  let inParent = 0;
  for (const ph of phrases) {
    const path = pathAt.get(ph.terms[0].text)!;
    const hcps = fields[1];
    const held =
      ph.terms.some((t) => want.get(t.text)!.length === 0) &&
      path.some((v) =>
      phraseAt(
        ph,
        v >>> 1,
        (j, p) => has(pathAt.get(ph.terms[j].text)!, p * 2 + 1),
        (a, b) => b <= hcps.length && isGap(hcps, a, b),
      ),
    );
    const first = want.get(ph.terms[0].text)!;
    let nText = 0;
    let nHead = 0;
    let nOwn = 0; // in the heading, or in the text before the notes
    for (const v of first) {
      const field = v & 1;
      const cps = fields[field];
      const ok = phraseAt(
        ph,
        v >>> 1,
        (j, p) => has(want.get(ph.terms[j].text)!, (p * 2) | field),
        (a, b) => b <= cps.length && isGap(cps, a, b),
      );
      if (!ok) continue;
      if (field) nHead++;
      else nText++;
      if (field || v >>> 1 < notesAt) nOwn++;
    }
    if (nText + nHead > 0) {
      exact++;
      if (nOwn === 0) noted++;
      if (nHead > 0) inHeading++;
    } else if (held) inParent++;
  }
  let inPath = 0;
  if (exact > 0) exact += inParent;
  else inPath = inParent;
  // Highlight the longest runs of the query's characters found: of a
  // phrase found whole (in the parent sections' path too), only the runs
  // that hold it; of another, every run that holds one of its terms, the
  // scattered parts.
  const spans: Span[] = [];
  const whole = new Set<number>();
  for (const r of runs) if (r.whole) whole.add(r.phrase);
  runs.sort((x, y) => Number(y.heading) - Number(x.heading) || x.start - y.start || y.len - x.len);
  // A number (or word) of a phrase alone, where the clause also has it
  // with the phrase going on beside it, is shown only there: the 60 of
  // 60——89 is no part of 60分以下, that of 60 分以下 is. (Where it never
  // has, the number alone is what the clause holds of the phrase: 90 of
  // 90——94 for 90分.)
  const lone = new Uint8Array(runs.length); // 1: alone, 2: the phrase goes on
  const goesOnAt = new Set<string>();
  runs.forEach((r, k) => {
    if (r.whole || !loneWord(fields[r.heading ? 1 : 0], r)) return;
    lone[k] = goesOn(runs, k, fields[r.heading ? 1 : 0]) ? 2 : 1;
    if (lone[k] === 2) goesOnAt.add(`${r.phrase} ${r.qs} ${r.qe}`);
  });
  let end = -1;
  let inHead = true;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (spans.length >= MAX_SPANS) break;
    if (!r.whole && whole.has(r.phrase)) continue;
    if (lone[k] === 1 && goesOnAt.has(`${r.phrase} ${r.qs} ${r.qe}`)) continue;
    if (r.heading !== inHead) {
      inHead = r.heading;
      end = -1;
    }
    if (r.start + r.len <= end) continue; // inside the last one
    const last = spans[spans.length - 1];
    if (last && last.heading === r.heading && r.start <= end) {
      last.len = r.start + r.len - last.start;
    } else spans.push({ heading: r.heading, start: r.start, len: r.len });
    end = r.start + r.len;
  }
  return { doc: cs.docs[ci], exact, noted, inHeading, inPath, terms: cs.group[ci] & 0xfff, score: cs.score[ci], tie: cs.tie[ci], spans, record: rec };
}

/** A run of the query's characters found in a heading or text. */
interface Found {
  heading: boolean;
  start: number;
  len: number;
  /** The phrase it is part of, by index, and whether it holds it from the first term to the end of the last. */
  phrase: number;
  whole: boolean;
  /** Where it is in the phrase's characters (Phrase.chars): [qs, qe). */
  qs: number;
  qe: number;
}

/** Whether run r of cps is a word or number alone (a run of letters, digits and %), no character of Chinese. */
function loneWord(cps: number[], r: Found): boolean {
  for (let i = r.start; i < r.start + r.len; i++) if (classify(cps[i]) === Cls.CJK) return false;
  return true;
}

/**
 * Whether another run of the same phrase and field as runs[k] (runs
 * sorted by field, then start) holds the phrase's characters just before
 * or after it, with 0 to MAX_GAP characters of punctuation or space of
 * cps between them.
 */
function goesOn(runs: Found[], k: number, cps: number[]): boolean {
  const r = runs[k];
  const end = r.start + r.len;
  const near = (o: Found, a: number, b: number) => o.heading === r.heading && o.phrase === r.phrase && b - a <= MAX_GAP && (a === b || isGap(cps, a, b));
  for (let j = k + 1; j < runs.length && runs[j].heading === r.heading && runs[j].start <= end + MAX_GAP; j++) {
    const o = runs[j];
    if (o.qs === r.qe && o.start >= end && near(o, end, o.start)) return true;
  }
  for (let j = k - 1; j >= 0 && runs[j].heading === r.heading && runs[j].start >= r.start - 5 * MAX_QUERY; j--) {
    const o = runs[j];
    const oe = o.start + o.len;
    if (o.qe === r.qs && oe <= r.start && near(o, oe, r.start)) return true;
  }
  return false;
}

/** Every term of the phrases, with the phrase, offset and length of each place it has in them. */
function seedsOf(phrases: Phrase[]): Map<string, [number, number, number][]> {
  const m = new Map<string, [number, number, number][]>();
  phrases.forEach((ph, pi) => {
    for (const t of ph.all) {
      const l = m.get(t.text);
      if (l) l.push([pi, t.pos, t.len]);
      else m.set(t.text, [[pi, t.pos, t.len]]);
    }
  });
  return m;
}

/**
 * The run around the term at [a, b) of cps, found at [qo, qo + qlen) of
 * phrase pi: as far as the characters on both sides are the phrase's too,
 * the punctuation between two of its words standing for 1 to MAX_GAP
 * characters of punctuation or space in cps (see phraseAt), and between a
 * range and the CJK character after it (60-89分, a range's glue term
 * across: see scan), 0 to MAX_GAP of them (the text's （60——89）分).
 */
function grow(cps: number[], a: number, b: number, phrases: Phrase[], pi: number, qo: number, qlen: number, heading: boolean): Found {
  const ph = phrases[pi];
  const q = ph.chars;
  const end = ph.from + ph.span;
  // Whether the query's range and the CJK character after it meet before
  // q[i], or two of its terms that the text may hold apart (a piece of a
  // loose phrase, see parseQuery, starts there).
  const spanAt = (i: number) =>
    ph.all.some((t) => t.len === 2 && t.pos + 1 === i && isSpan(t.text)) ||
    ph.pieces.some((pc, k) => k > 0 && pc.minGap === 0 && ph.from + pc.start === i && ph.from + ph.pieces[k - 1].stop === i);
  // The places of cps and q that stand for each other, from the term
  // outwards, on each side.
  const ls = [a];
  const lq = [qo];
  for (let l = a, ql = qo; l > 0 && ql > 0; ) {
    const qn = punctBefore(q, ql);
    const tn = punctBefore(cps, l, MAX_GAP);
    if (qn > 0 && ql - qn > ph.from && ql < end && tn > 0 && tn <= MAX_GAP && l - tn > 0) {
      l -= tn;
      ql -= qn;
    } else if (qn === 0 && tn > 0 && tn <= MAX_GAP && l - tn > 0 && cps[l - tn - 1] === q[ql - 1] && spanAt(ql)) {
      l -= tn;
      continue; // the character before is matched next
    } else if (qn > 0 && tn === 0 && ql - qn > ph.from && ql < end && !joined(q, ql - qn, ql) && cps[l - 1] === q[ql - qn - 1]) {
      ql -= qn; // the query's punctuation, where the text has none (绩效，工资)
      continue;
    } else if (cps[l - 1] === q[ql - 1]) {
      l--;
      ql--;
    } else break;
    ls.push(l);
    lq.push(ql);
  }
  const rs = [b];
  const rq = [qo + qlen];
  for (let r = b, qr = qo + qlen; r < cps.length && qr < q.length; ) {
    const qn = punctAfter(q, qr);
    const tn = punctAfter(cps, r, MAX_GAP);
    if (qn > 0 && qr > ph.from && qr + qn < end && tn > 0 && tn <= MAX_GAP && r + tn < cps.length) {
      r += tn;
      qr += qn;
    } else if (qn === 0 && tn > 0 && tn <= MAX_GAP && r + tn < cps.length && cps[r + tn] === q[qr] && spanAt(qr)) {
      r += tn;
      continue; // the character after is matched next
    } else if (qn > 0 && tn === 0 && qr > ph.from && qr + qn < end && !joined(q, qr, qr + qn) && cps[r] === q[qr + qn]) {
      qr += qn;
      continue;
    } else if (cps[r] === q[qr]) {
      r++;
      qr++;
    } else break;
    rs.push(r);
    rq.push(qr);
  }
  // A run begins and ends where words and numbers do, in the text and in
  // the query: the 5% of 105% is not the query 5%, nor 000*88% of
  // 1000*88% the query 3000*88% (the term found is one, so never cut).
  let i = ls.length - 1;
  while (i > 0 && (inWord(cps, ls[i]) || inWord(q, lq[i]))) i--;
  let j = rs.length - 1;
  while (j > 0 && (inWord(cps, rs[j]) || inWord(q, rq[j]))) j--;
  let l = ls[i];
  let r = rs[j];
  const ql = lq[i];
  const qr = rq[j];
  const whole = ql <= ph.from && qr >= ph.from + ph.span;
  if (!whole) {
    // A part of the query starts and ends with its words: the * of
    // 1000*88% is no part of 3000*88% found there.
    while (l < a && !isTermChar(cps[l])) l++;
    while (r > b && !isTermChar(cps[r - 1])) r--;
  }
  return { heading, start: l, len: r - l, phrase: pi, whole, qs: ql, qe: qr };
}

/** How many characters of punctuation or space end at cps[i - 1], up to most (then most + 1 for more). */
function punctBefore(cps: number[], i: number, most = MAX_QUERY): number {
  let k = i;
  while (k > 0 && i - k <= most && !isTermChar(cps[k - 1])) k--;
  return i - k;
}

/** How many characters of punctuation or space start at cps[i], up to most (then most + 1 for more). */
function punctAfter(cps: number[], i: number, most = MAX_QUERY): number {
  let k = i;
  while (k < cps.length && k - i <= most && !isTermChar(cps[k])) k++;
  return k - i;
}

/** Whether c is part of some term: not punctuation or space (see scan). */
function isTermChar(c: number): boolean {
  const k = classify(c);
  return k === Cls.CJK || k === Cls.Word || k === Cls.Percent;
}

/** Whether term t is a % sign alone (the % of a number, 105%). */
function isLonePercent(t: string): boolean {
  const cps = normalize(t);
  return cps.length === 1 && classify(cps[0]) === Cls.Percent;
}

/** Whether term t joins a CJK character to a word, number or % (see scan): 0元, 第1. */
function isGlue(t: string): boolean {
  if (isSpan(t)) return true;
  const cps = normalize(t);
  return cps.length === 2 && (classify(cps[0]) === Cls.CJK) !== (classify(cps[1]) === Cls.CJK);
}

/** Whether the boundary before cps[i] falls inside a word or number term (see scan). */
function inWord(cps: number[], i: number): boolean {
  if (i <= 0 || i >= cps.length) return false;
  const x = cps[i - 1];
  const y = cps[i];
  if (classify(x) === Cls.Word && classify(y) === Cls.Word) return true;
  if (y === 0x2e) return isDigit(x) && i + 1 < cps.length && isDigit(cps[i + 1]);
  return x === 0x2e && isDigit(y) && i >= 2 && isDigit(cps[i - 2]);
}

/**
 * Where a snippet of width code points of cps starts: a quarter of the
 * width before one of the spans, the one whose window shows the most of
 * the query — the most characters of distinct runs found (a run counted
 * once however often it is there, so the window holding 未完成 and 扣除
 * beats the clause's start holding 完成 three times, and 法律责任 with 保密
 * beats 保密 twice) — the first of those that show as much.
 */
function bestWindow(cps: string[], spans: Span[], width: number): number {
  const at = (start: number) => Math.max(0, Math.min(cps.length - width, start - Math.floor(width / 4)));
  if (spans.length === 0) return 0;
  const keys = spans.map((s) => cps.slice(s.start, s.start + s.len).join(""));
  let best = at(Math.min(...spans.map((s) => s.start)));
  let most = -1;
  const starts = [...new Set(spans.map((s) => at(s.start)))].sort((x, y) => x - y);
  for (const from of starts) {
    const seen = new Set<string>();
    let n = 0;
    spans.forEach((s, k) => {
      if (s.start >= from && s.start + s.len <= from + width && !seen.has(keys[k])) {
        seen.add(keys[k]);
        n += s.len;
      }
    });
    if (n > most) {
      most = n;
      best = from;
    }
  }
  return best;
}

/** What heads each note at the end of a clause's text (NoteMark in generator/search/search.go). */
const NOTE_MARK = "〔编者注〕";

/** A clause's text before its editor's notes (NOTE_MARK), trimmed. */
function ownText(text: string): string {
  const mark = text.indexOf(NOTE_MARK);
  return (mark < 0 ? text : text.slice(0, mark)).trim();
}

/**
 * The snippet of a hit, about width code points of its text: around the
 * query where the clause's own words hold it (highlight); else, where its
 * heading does, its own first words, or its first clause's (Hit.lead) for
 * a section without words of its own — an editor's note on the section
 * (℅ written for %, 原文本节标题没有序号) says nothing of what it holds;
 * else (the query in a note alone, or nothing else to show) its notes.
 */
export function snippet(h: Hit, width: number): Segment[] {
  const text = h.record.text;
  const mark = text.indexOf(NOTE_MARK);
  const own = mark < 0 ? Infinity : Array.from(text.slice(0, mark)).length;
  const inText = h.spans.some((s) => !s.heading && s.start < own);
  const inHeading = h.spans.some((s) => s.heading);
  if (inText || !inHeading) return highlight(text, h.spans, false, width);
  // The words the heading has marked, marked where these say them too.
  const hcps = Array.from(h.record.heading);
  const keys = new Set(h.spans.filter((s) => s.heading).map((s) => hcps.slice(s.start, s.start + s.len).join("")));
  const marks = (t: string) => {
    const out: Span[] = [];
    let i = 0; // code points before u, the UTF-16 offset
    for (let u = 0; u < t.length; u += t.codePointAt(u)! > 0xffff ? 2 : 1, i++) {
      for (const k of keys) if (t.startsWith(k, u)) out.push({ heading: false, start: i, len: Array.from(k).length });
    }
    return out;
  };
  if (ownText(text) !== "") return highlight(text, marks(ownText(text)), false, width);
  if (h.lead) {
    const lead = ownText(h.lead.text);
    return highlight(lead, marks(lead), false, width);
  }
  return highlight(text, h.spans, false, width);
}

/** A piece of text, marked when it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts text to about width code points around its best highlighted place
 * (bestWindow) and splits it into marked and unmarked segments. With
 * heading true it uses the heading spans and keeps the whole text.
 */
export function highlight(text: string, spans: Span[], heading: boolean, width = 0): Segment[] {
  const cps = Array.from(text);
  const marked = new Uint8Array(cps.length + 1);
  const own = spans.filter((s) => s.heading === heading);
  for (const s of own) {
    for (let i = s.start; i < Math.min(cps.length, s.start + s.len); i++) marked[i] = 1;
  }
  let from = 0;
  let to = cps.length;
  if (width > 0 && cps.length > width) {
    from = bestWindow(cps, own, width);
    to = Math.min(cps.length, from + width);
    // Never cut a match: 1500 cut to a marked 150 reads as another number.
    while (from > 0 && marked[from] && marked[from - 1]) from--;
    while (to < cps.length && marked[to] && marked[to - 1]) to++;
    // Nor a word or a number: the 4 分档 of 90——94 分档 reads as a tier
    // of 4 points, 10 of 105% as ten. The snippet takes the whole of it,
    // or leaves it out if it is long.
    const n = cps.map((c) => normalizeCP(c.codePointAt(0)!));
    const joined = (i: number) => inWord(n, i) || (i > 0 && i < n.length && n[i] === 0x25 && isDigit(n[i - 1]));
    let f = from;
    while (f > 0 && from - f < WORD_SLACK && joined(f)) f--;
    if (joined(f)) while (from < n.length && !marked[from] && joined(from)) from++;
    else from = f;
    let t = to;
    while (t < n.length && t - to < WORD_SLACK && joined(t)) t++;
    if (joined(t)) while (to > from && !marked[to - 1] && joined(to)) to--;
    else to = t;
  }
  const out: Segment[] = [];
  // The editor's notes come after the policy's words, each headed NOTE_MARK
  // (generator/build/searchindex.go): a snippet cut from inside one says
  // whose words it shows.
  if (from > 0 && !heading) {
    const mark = text.indexOf(NOTE_MARK);
    if (mark >= 0 && Array.from(text.slice(0, mark)).length < from) out.push({ text: NOTE_MARK, mark: false });
  }
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
