// Figures kept whole on a line: a number with its unit (3000 元, 105%,
// 59.5 分), a range (90——94, 60–89 分) or a product (2640 × 5%), which
// Chinese text, breakable between any two characters, split on a phone
// (60–⏎89 分档, 80⏎分, 3000⏎元). The chapters' text has them from the
// build (writeFigures in generator/markdown/render.go, class "nw"); this is
// the same rule for the text the page makes itself: the calculator's
// steps and the search results. No DOM but in appendFigures.

/**
 * A figure, as generator/markdown's figure pattern reads one, written for
 * JavaScript: RE2's \s is [\t\n\f\r ] and its \x{…} is \u{…}. A test in
 * generator/markdown (figurehtml_test.go) runs both on the same text.
 */
export const FIGURE =
  /[0-9０-９]+(?:[.,][0-9０-９]+)*(?:[\t\n\f\r ]*(?:——|—|–|~|～|-|至|到|×|\*|＊)[\t\n\f\r ]*[0-9０-９]+(?:[.,][0-9０-９]+)*)?(?:[ \u{00a0}]?(?:%|％|℅|个月|小时|元|分|天|日|月|年|人|名|项|条|次|倍|岁|周))?/gu;

/**
 * Where text's figures are, as [start, end) offsets in UTF-16 code units;
 * a number alone (2025.1, 3000) is none, as in writeFigures.
 */
export function figureRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(FIGURE)) {
    const f = m[0];
    if (Array.from(f).length < 2 || /^[0-9０-９.,]*$/u.test(f)) continue;
    const at = m.index ?? 0;
    out.push([at, at + f.length]);
  }
  return out;
}

/** A piece of text, in a <mark> when mark is set (a search's match). */
export interface Piece {
  text: string;
  mark?: boolean;
}

/**
 * Appends text, or its pieces, to parent, each figure in a span of class
 * "nw" (main.css: no line break inside). A figure may run across pieces
 * (a matched 3000 and its unmarked 元): the span holds both, the mark
 * inside it.
 */
export function appendFigures(parent: Node, text: string | readonly Piece[]): void {
  const pieces = typeof text === "string" ? [{ text }] : text;
  const ranges = figureRanges(pieces.map((p) => p.text).join(""));
  let r = 0;
  let at = 0;
  let span: HTMLElement | null = null;
  for (const p of pieces) {
    for (let i = 0; i < p.text.length; ) {
      const pos = at + i;
      while (r < ranges.length && ranges[r][1] <= pos) {
        r++;
        span = null;
      }
      const inside = r < ranges.length && ranges[r][0] <= pos;
      const stop = r < ranges.length ? ranges[r][inside ? 1 : 0] : Infinity;
      const end = Math.min(p.text.length, stop - at);
      const s = p.text.slice(i, end);
      let into: Node = parent;
      if (inside) {
        if (!span) {
          span = document.createElement("span");
          span.className = "nw";
          parent.appendChild(span);
        }
        into = span;
      }
      if (p.mark) {
        const m = document.createElement("mark");
        m.textContent = s;
        into.appendChild(m);
      } else into.appendChild(document.createTextNode(s));
      i = end;
    }
    at += p.text.length;
  }
}
