package scripts

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// chartGeometry is a page expression: what a reader sees of the chart's
// score axis and result point, in px of the page, and what is wrong with
// it: labels that overlap, leave the chart or sit on rows of their own.
const chartGeometry = `(() => {
  const svg = document.querySelector('.pc-chart svg'), box = svg.getBoundingClientRect();
  const at = {};
  for (const e of svg.querySelectorAll('.pc-xtick')) at[e.dataset.score] = e.getBoundingClientRect().left;
  const xs = [...svg.querySelectorAll('.pc-tick:not([text-anchor=end])')];
  const labels = [...xs, ...svg.querySelectorAll('.pc-axis-label, .pc-point-label')].map(e => [e.textContent, e.getBoundingClientRect()]);
  const bad = [];
  for (const [t, r] of labels) if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) bad.push(t + ' leaves the chart');
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const [a, p] = labels[i], [b, q] = labels[j];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) bad.push(a + ' overlaps ' + b);
  }
  // The result's label crosses no part of the curve (its lines, jumps and dots).
  const m = svg.getScreenCTM(), pt = (x, y) => [m.a * x + m.e, m.d * y + m.f];
  const lab = svg.querySelector('.pc-point-label').getBoundingClientRect();
  const inLab = ([x, y]) => x > lab.left && x < lab.right && y > lab.top && y < lab.bottom;
  for (const l of svg.querySelectorAll('.pc-line, .pc-jump')) {
    const [a, b, c, d] = ['x1', 'y1', 'x2', 'y2'].map(k => +l.getAttribute(k));
    for (let i = 0; i <= 100; i++) if (inLab(pt(a + (c - a) * i / 100, b + (d - b) * i / 100))) { bad.push('the result label crosses the curve at ' + pt(a + (c - a) * i / 100, b + (d - b) * i / 100).map(Math.round)); break; }
  }
  for (const c of svg.querySelectorAll('.pc-open, .pc-closed')) {
    const r = c.getBoundingClientRect();
    if (r.left < lab.right && lab.left < r.right && r.top < lab.bottom && lab.top < r.bottom) bad.push('the result label covers a dot of the curve');
  }
  const rows = new Set(xs.map(e => Math.round(e.getBoundingClientRect().top)));
  if (rows.size !== 1) bad.push('the score labels take ' + rows.size + ' rows: ' + xs.map(e => e.textContent + '@' + Math.round(e.getBoundingClientRect().top)).join(' '));
  // The result point, and how much of its tier's line it leaves in view.
  const dot = svg.querySelector('.pc-point').getBoundingClientRect();
  const cx = (dot.left + dot.right) / 2;
  const line = [...svg.querySelectorAll('.pc-line')].map(e => e.getBoundingClientRect()).find(r => r.left <= cx + 0.5 && cx - 0.5 <= r.right);
  const shown = line ? Math.max(0, dot.left - line.left) + Math.max(0, line.right - dot.right) : -1;
  const brk = svg.querySelector('.pc-break');
  return JSON.stringify({at, bad, shown, dot: dot.width,
    broken: brk ? [brk.getBoundingClientRect().left, brk.getBoundingClientRect().right] : null,
    caption: document.querySelector('.pc-caption').textContent});
})()`

type chartGeo struct {
	At      map[string]float64 `json:"at"`
	Bad     []string           `json:"bad"`
	Shown   float64            `json:"shown"`
	Dot     float64            `json:"dot"`
	Broken  []float64          `json:"broken"`
	Caption string             `json:"caption"`
}

// On a phone the pay chart shows the steps the policy is about — the
// jumps at 60, 90 and 95 and the employee's point — readably: on a linear
// 0–100 axis a 390 px chart gave 90–100 13 px, its labels 90, 95 and 100
// collided (95 pushed to a row below), the result dot hid the 90–94 step,
// and three fifths of the chart were the flat 0 from 0 to 60. The flat
// stretch is shortened, with a break on the axis and the caption saying
// so; from 60 to 100 the axis keeps one scale, so the chart stays true.
func TestCalculatorChartShowsTheStepsOnAPhone(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{320, 390, 1280} {
		for _, frag := range []string{
			"role=assistant&score=94.5&base=1234.56&dept=missed",
			"role=sales&score=88&base=3000&dept=exceeded",
			"role=sales&score=95&base=3000&dept=met",
			"role=assistant&score=90&base=800&dept=met",
			"role=sales&score=30&base=3000&dept=met",
		} {
			where := fmt.Sprintf("%d px, #%s", w, frag)
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 900))
			freshLoad(t, ctx, s.URL+calcPath+"#"+frag)
			harness.WaitFor(t, ctx, `!!document.querySelector('.pc-chart svg .pc-point')`, harness.PageState)
			var g chartGeo
			if err := json.Unmarshal([]byte(harness.Eval[string](t, ctx, chartGeometry)), &g); err != nil {
				t.Fatal(err)
			}
			for _, b := range g.Bad {
				t.Errorf("%s: %s", where, b)
			}
			x0, x60, x90, x95, x100 := g.At["0"], g.At["60"], g.At["90"], g.At["95"], g.At["100"]
			if len(g.At) != 5 || !(x0 < x60 && x60 < x90 && x90 < x95 && x95 < x100) {
				t.Errorf("%s: score ticks %v, want 0 < 60 < 90 < 95 < 100", where, g.At)
				continue
			}
			// Each step is wide enough to see and to label.
			if min := min(x95-x90, x100-x95); min < 20 {
				t.Errorf("%s: the 90–95 and 95–100 steps are %.0f and %.0f px wide; want 20 px at least", where, x95-x90, x100-x95)
			}
			// From 60 up the axis has one scale: a point is a point wherever it is.
			per := (x100 - x60) / 40
			for _, c := range []struct {
				name string
				got  float64
				pts  float64
			}{{"60–90", x90 - x60, 30}, {"90–95", x95 - x90, 5}, {"95–100", x100 - x95, 5}} {
				if d := c.got - c.pts*per; d < -1 || d > 1 {
					t.Errorf("%s: %s is %.1f px, want %.1f (%.2f px a point, as 60–100)", where, c.name, c.got, c.pts*per, per)
				}
			}
			// 0–60 on another scale is marked on the axis and said.
			if (x60-x0)-60*per < -1 {
				if len(g.Broken) != 2 || g.Broken[0] < x0 || g.Broken[1] > x60 {
					t.Errorf("%s: 0–60 is %.0f px, not to scale (%.0f), and no break is marked between them: %v", where, x60-x0, 60*per, g.Broken)
				}
				if !strings.Contains(g.Caption, "横轴 0–60 分一段不按比例") {
					t.Errorf("%s: 0–60 is not to scale and the caption does not say so: %q", where, g.Caption)
				}
			}
			// The point leaves its tier's line in view beside it.
			if g.Shown < g.Dot {
				t.Errorf("%s: the result point (%.0f px) leaves %.0f px of its tier's line in view", where, g.Dot, g.Shown)
			}
		}
	}
}

// A link that fills chapter 6's calculator lands its heading,
// 估算我的绩效工资, where a link to a clause lands its clause, below the
// sticky header: the calculator's top went just below the header, its
// heading under it (y=5 px at 1280, the header ending at 58; y=49 at 390,
// the header ending at 99), while a clause landed at 72 and 116 px.
func TestCalculatorLinkLandsItsHeadingAsAClauseLink(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const top = `(id => document.getElementById(id).getBoundingClientRect().top)`
	const header = `document.querySelector('header').getBoundingClientRect().bottom`
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800))
		freshLoad(t, ctx, s.URL+"/latest/performance/#"+url.PathEscape("销售人员奖惩办法.4"))
		harness.WaitFor(t, ctx, `document.readyState === 'complete'`, `document.readyState`)
		harness.SettleScroll(t, ctx)
		clause := harness.Eval[float64](t, ctx, top+`('销售人员奖惩办法.4')`)

		freshLoad(t, ctx, s.URL+"/latest/performance/#role=sales&score=88&base=3000&dept=exceeded")
		waitTotal(t, ctx, "2772.00")
		harness.WaitFor(t, ctx, `document.readyState === 'complete' && document.querySelector('.pc-chart svg') !== null`, harness.PageState)
		harness.SettleScroll(t, ctx)
		got := harness.Eval[float64](t, ctx, top+`('calc-heading')`)
		hb := harness.Eval[float64](t, ctx, header)
		if got < hb || got-clause < -1 || got-clause > 1 {
			t.Errorf("width %d: the calculator's heading lands at %.0f px (the header ends at %.0f); a clause link lands its clause at %.0f", w, got, hb, clause)
		}
	}
}

// printedPages prints the page as a reader's browser does (A4, its
// beforeprint and afterprint events fired) and counts the PDF's pages.
func printedPages(t *testing.T, ctx context.Context) int {
	t.Helper()
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CALC_PRINT_DIR"); dir != "" {
		printed++
		_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("print-%d.pdf", printed)), pdf.Data, 0o644)
	}
	return len(pdfPage.FindAll(pdf.Data, -1))
}

var printed int

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printShows is a page expression, under print media: which parts of the
// calculator's page are printed.
const printShows = `JSON.stringify({
  result: !!document.querySelector('.pc-card')?.getClientRects().length,
  steps: (all => all.length > 0 && all.every(e => e.getClientRects().length))([...document.querySelectorAll('.pc-step .pc-clause')]),
  chart: !!document.querySelector('.pc-chart svg')?.getClientRects().length,
  rules: !!document.querySelector('.rules-table table')?.getClientRects().length,
  summary: !!document.querySelector('.rules-table summary')?.getClientRects().length,
})`

// Printing a result gives the result, its steps with their clauses and
// the chart, on one page: the folded 规则一览 was forced open on paper and
// filled pages 2 and 3, and the chart was not printed. The rules print
// when the reader opened them, and a form without a result still prints
// the rules in full, as the page without JavaScript shows them.
func TestCalculatorPrintsAResultOnOnePage(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	printMedia := func(on bool) {
		t.Helper()
		m := ""
		if on {
			m = "print"
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []int64{390, 1280} {
		for _, frag := range []string{"role=sales&score=88&base=3000&dept=exceeded", "role=assistant&scores=18,26,36,8&base=1234.56&dept=missed"} {
			where := fmt.Sprintf("%d px, #%s", w, frag)
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 900))
			freshLoad(t, ctx, s.URL+calcPath+"#"+frag)
			harness.WaitFor(t, ctx, `document.querySelector('.payout-calculator').dataset.state === 'result' && !!document.querySelector('.pc-chart svg')`, harness.PageState)
			// Printed first: print media emulated below changes the
			// chart's width, and it is drawn again for it.
			harness.Eval[bool](t, ctx, `(addEventListener('beforeprint', () => { window.rulesOnPaper = document.querySelector('details.rules-table').open }), true)`)
			if n := printedPages(t, ctx); n != 1 {
				t.Errorf("%s: a result prints on %d pages, want 1", where, n)
			}
			if got := harness.Eval[string](t, ctx, `JSON.stringify([window.rulesOnPaper, document.querySelector('details.rules-table').open])`); got != `[false,false]` {
				t.Errorf("%s: the rules open on paper and after it: %s, want [false,false]", where, got)
			}
			printMedia(true)
			if got, want := harness.Eval[string](t, ctx, printShows), `{"result":true,"steps":true,"chart":true,"rules":false,"summary":false}`; got != want {
				t.Errorf("%s: printed %s, want %s", where, got, want)
			}
			printMedia(false)
			// Opened by the reader, the rules print too, below the result.
			harness.Do(t, ctx, chromedp.Click(chromedp.CSS("details.rules-table > summary")))
			harness.WaitFor(t, ctx, `document.querySelector('details.rules-table').open`, `'closed'`)
			if n := printedPages(t, ctx); n < 2 {
				t.Errorf("%s, rules opened: %d pages printed, want the result's and the rules'", where, n)
			}
			printMedia(true)
			if got, want := harness.Eval[string](t, ctx, printShows), `{"result":true,"steps":true,"chart":true,"rules":true,"summary":true}`; got != want {
				t.Errorf("%s, rules opened: printed %s, want %s", where, got, want)
			}
			printMedia(false)
		}
	}

	// Without a result, the rules print in full, and are folded again after.
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 900))
	freshLoad(t, ctx, s.URL+calcPath)
	harness.WaitState(t, ctx, "incomplete")
	harness.Eval[bool](t, ctx, `(addEventListener('beforeprint', () => { window.rulesOnPaper = document.querySelector('details.rules-table').open }), true)`)
	if n := printedPages(t, ctx); n < 2 {
		t.Errorf("a form without a result prints on %d page(s), want the rules in full", n)
	}
	if got := harness.Eval[string](t, ctx, `JSON.stringify([window.rulesOnPaper, document.querySelector('details.rules-table').open])`); got != `[true,false]` {
		t.Errorf("without a result, the rules open on paper and after it: %s, want [true,false]", got)
	}

	// Without JavaScript, the page shows the rules, on screen and paper.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+calcPath+"#role=sales&score=88&base=3000&dept=exceeded"))
	for _, on := range []bool{false, true} {
		printMedia(on)
		if got := harness.Eval[string](t, ctx, printShows); got != `{"result":false,"steps":false,"chart":false,"rules":true,"summary":true}` {
			t.Errorf("without JavaScript (print media %v): %s; want the rules", on, got)
		}
	}
}
