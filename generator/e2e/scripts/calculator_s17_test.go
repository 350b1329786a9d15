package scripts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
	"handbook/generator/e2e/harness"
)

// paste replaces a field's text as pasting does: select it, insert the
// text in one input event.
func paste(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	harness.Eval[bool](t, ctx, fmt.Sprintf(`(e => (e.focus(), e.select(), document.execCommand('insertText', false, %q)))(document.querySelector(%q))`, text, sel))
}

// A base pasted with a no-break space before it (as a web page, a PDF or
// a spreadsheet's cell copies a figure) is read as the number, as a space
// is: the form said 绩效工资应为数字 while its link, which the page writes
// trimmed, gave the receiver a result the sender did not see.
func TestCalculatorNoBreakSpaceBeforeANumber(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	openCalculator(t, ctx, s.URL+calcPath+"#role=sales&score=88&base=1&dept=exceeded")
	waitTotal(t, ctx, "0.92")
	for _, pasted := range []string{"\u00a03000", "3000\u00a0", "\u202f3000", "\u20033000\u205f"} {
		paste(t, ctx, baseField, pasted)
		waitTotal(t, ctx, "2772.00")
		if msg := fieldError(t, ctx, baseField); msg != "" {
			t.Errorf("%+q pasted: the base says %q", pasted, msg)
		}
		retype(t, ctx, baseField, "1")
		waitTotal(t, ctx, "0.92")
	}
}

// The page explains a score between the ranges the text writes in the
// words the command line prints (calculator.Result.Readings, which the
// module leaves out: the page words it itself), at the same step.
func TestCalculatorExplainsAScoreAsTheCommandLine(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	src, err := os.ReadFile(filepath.Join(harness.ContentDir(), "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := rulesfile.Parse("content/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	notes := `[...document.querySelectorAll('.pc-step')].flatMap((li, i) => [...li.querySelectorAll('.pc-step-note')].map(e => i + ' ' + e.textContent)).join('\n')`
	for _, frag := range []string{
		"role=sales&score=59.9&base=3000&dept=met", "role=sales&score=89.5&base=3000&dept=met", "role=sales&score=94.5&base=3000&dept=met",
		"role=assistant&score=59.99&base=1000&dept=exceeded", "role=sales&scores=40,9.5,10&base=3000&dept=missed", "role=sales&score=88&base=3000&dept=met",
	} {
		in, err := calculator.ParseQuery(rules, frag)
		if err != nil {
			t.Fatal(err)
		}
		res, err := calculator.Compute(rules, in)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, rd := range res.Readings() {
			want = append(want, fmt.Sprint(rd.Step, " ", rd.Text))
		}
		freshLoad(t, ctx, s.URL+calcPath+"#"+frag)
		waitTotal(t, ctx, calculator.FormatFen(res.TotalFen))
		if got := harness.Eval[string](t, ctx, notes); got != strings.Join(want, "\n") {
			t.Errorf("#%s: the page says\n%q\nthe command line\n%q", frag, got, want)
		}
	}
}

// A link that leaves out the role or the department result leaves that
// choice unmade, named as an empty choice is, and computes nothing until
// the reader makes it: #role=sales&score=88&base=3000 showed 2640.00 with
// 完成 chosen, #score=88&base=3000&dept=exceeded a 销售人员's 2772.00, the
// link saying neither. The fragment follows the form: it gains the role
// only when the reader chooses one, and a result chosen before stays.
func TestCalculatorLinkWithoutARoleOrAResult(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	chosen := func(name string) string {
		return harness.Eval[string](t, ctx, fmt.Sprintf(`document.querySelector('input[name=pc0-%s]:checked')?.value ?? ''`, name))
	}
	chart := `document.querySelector('.pc-chart .pc-placeholder')?.textContent ?? ''`
	quiet := func(frag string) {
		t.Helper()
		harness.WaitState(t, ctx, "invalid")
		assertNoFigure(t, ctx)
		time.Sleep(400 * time.Millisecond) // longer than the fragment's pause
		if h := harness.Eval[string](t, ctx, `location.hash`); h != frag {
			t.Errorf("the fragment became %q, the form unchanged", h)
		}
	}

	openCalculator(t, ctx, s.URL+calcPath+"#role=sales&score=88&base=3000")
	quiet("#role=sales&score=88&base=3000")
	if r, d, msg := chosen("role"), chosen("dept"), errorAt(t, ctx, "dept"); r != "sales" || d != "" || msg != "请选择部门业绩目标完成情况" {
		t.Errorf("no dept: role %q, dept %q chosen, the dept says %q", r, d, msg)
	}
	harness.WaitFor(t, ctx, "("+chart+`) !== ''`, chart)
	if c := harness.Eval[string](t, ctx, chart); !strings.HasPrefix(c, "选择部门业绩目标后") {
		t.Errorf("no dept: the chart says %q", c)
	}
	harness.Do(t, ctx, chromedp.Click(segment("met")))
	waitTotal(t, ctx, "2640.00")
	harness.WaitFor(t, ctx, `location.hash === '#role=sales&score=88&base=3000&dept=met'`, `location.hash`)

	freshLoad(t, ctx, s.URL+calcPath+"#score=88&base=3000&dept=exceeded")
	quiet("#score=88&base=3000&dept=exceeded")
	if r, d, msg := chosen("role"), chosen("dept"), errorAt(t, ctx, "role"); r != "" || d != "exceeded" || msg != "请选择岗位" {
		t.Errorf("no role: role %q, dept %q chosen, the role says %q", r, d, msg)
	}
	harness.Do(t, ctx, chromedp.Click(segment("sales")))
	waitTotal(t, ctx, "2772.00")
	harness.WaitFor(t, ctx, `location.hash === '#role=sales&score=88&base=3000&dept=exceeded'`, `location.hash`)

	// Neither: both named; a role chosen leaves the result to choose.
	freshLoad(t, ctx, s.URL+calcPath+"#score=88&base=3000")
	quiet("#score=88&base=3000")
	if a, b := errorAt(t, ctx, "role"), errorAt(t, ctx, "dept"); a != "请选择岗位" || b != "请选择部门业绩目标完成情况" {
		t.Errorf("neither: the role says %q, the dept %q", a, b)
	}
	harness.Do(t, ctx, chromedp.Click(segment("assistant")))
	harness.WaitFor(t, ctx, `location.hash === '#role=assistant&score=88&base=3000&dept='`, `location.hash`)
	harness.WaitState(t, ctx, "invalid")
	if d, msg := chosen("dept"), errorAt(t, ctx, "dept"); d != "" || msg != "请选择部门业绩目标完成情况" {
		t.Errorf("a role chosen: dept %q chosen, it says %q", d, msg)
	}
	// The fragment written with the result unchosen gives the same form.
	want := harness.Eval[string](t, ctx, formState)
	freshLoad(t, ctx, harness.Eval[string](t, ctx, `location.href`))
	harness.WaitFor(t, ctx, fmt.Sprintf(`%s === %q`, formState, want), formState)
	harness.Do(t, ctx, chromedp.Click(segment("exceeded")))
	waitTotal(t, ctx, "2772.00") // 大客户内勤 at 88 of 3000, 超额完成: 2640.00 + 132.00

	// A fragment without any of the calculator's keys is a fresh form.
	freshLoad(t, ctx, s.URL+calcPath+"#utm=x")
	if r, d := chosen("role"), chosen("dept"); r != "sales" || d != "met" {
		t.Errorf("#utm=x: role %q, dept %q chosen; want a fresh form's", r, d)
	}
}

// 在单独页面打开计算器, under the chapter's calculator, carries what the
// reader entered: it led to a bare form once the chapter's fragment held
// role=sales&score=88&base=3000&dept=met.
func TestCalculatorOwnPageLinkCarriesTheForm(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	more := `decodeURIComponent(new URL(document.querySelector('.calc-more a').href).pathname + new URL(document.querySelector('.calc-more a').href).hash)`
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS(".payout-calculator[data-ready]")))
	if h := harness.Eval[string](t, ctx, more); h != "/latest/calculator/" {
		t.Errorf("before any input the link is %q", h)
	}
	harness.Do(t, ctx,
		chromedp.Click(segment("sales")),
		chromedp.SendKeys(chromedp.CSS(scoreField), "88"),
		chromedp.SendKeys(chromedp.CSS(baseField), "3000"),
		chromedp.Click(segment("met")),
	)
	waitTotal(t, ctx, "2640.00")
	harness.WaitFor(t, ctx, `location.hash === '#role=sales&score=88&base=3000&dept=met'`, `location.hash`)
	if h := harness.Eval[string](t, ctx, more); h != "/latest/calculator/#role=sales&score=88&base=3000&dept=met" {
		t.Errorf("after input the link is %q", h)
	}
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".calc-more a")))
	harness.WaitPath(t, ctx, "/latest/calculator/")
	harness.Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".payout-calculator[data-ready]")))
	waitTotal(t, ctx, "2640.00")

	// A chapter opened from a link carries the link's form, and a link
	// followed within the page (hashchange) too.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#role=assistant&score=88&base=1000&dept=exceeded"), chromedp.WaitVisible(chromedp.CSS(".payout-calculator[data-ready]")))
	waitTotal(t, ctx, "924.00")
	if h := harness.Eval[string](t, ctx, more); h != "/latest/calculator/#role=assistant&score=88&base=1000&dept=exceeded" {
		t.Errorf("from a link the link is %q", h)
	}
	harness.Eval[bool](t, ctx, `(location.hash = '#role=sales&score=90&base=1000&dept=met', true)`)
	waitTotal(t, ctx, "1000.00")
	if h := harness.Eval[string](t, ctx, more); h != "/latest/calculator/#role=sales&score=90&base=1000&dept=met" {
		t.Errorf("after a hashchange the link is %q", h)
	}
	// A clause's link within the chapter leaves it as the form is.
	harness.Eval[bool](t, ctx, `(location.hash = '#销售人员奖惩办法.5', true)`)
	time.Sleep(300 * time.Millisecond)
	if h := harness.Eval[string](t, ctx, more); h != "/latest/calculator/#role=sales&score=90&base=1000&dept=met" {
		t.Errorf("after a clause's link the link is %q", h)
	}
}

// bannerInView is where the page's banner is, the sticky header's bottom,
// the view's height and the scroll position.
const bannerInView = `(() => {
  const b = document.querySelector('main > .banner').getBoundingClientRect();
  let header = 0;
  for (let e = document.elementFromPoint(innerWidth / 2, 1); e && e !== document.body; e = e.parentElement) {
    const p = getComputedStyle(e).position;
    if (p === 'sticky' || p === 'fixed') header = Math.max(header, e.getBoundingClientRect().bottom);
  }
  const c = document.querySelector('.payout-calculator').getBoundingClientRect();
  return {top: b.top, bottom: b.bottom, header, height: innerHeight, y: scrollY, calc: c.top};
})()`

// A link to an old revision's calculator opened on a phone keeps the
// banner (本页为已废止的 2025.1 版…) in view: it loaded scrolled to y=343,
// past the banner and the lead, a form that looked in force. On the
// chapter's page, the calculator pages below the banner, the calculator is
// brought into view with the banner's words at its top. A page without a
// banner still brings its calculator up.
func TestCalculatorLinkKeepsAnOldRevisionsBanner(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const frag = "#role=sales&score=88&base=3000&dept=exceeded"
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 844))
		freshLoad(t, ctx, s.URL+"/v/2025.1/calculator/"+frag)
		waitTotal(t, ctx, "2772.00")
		got := harness.Eval[map[string]float64](t, ctx, bannerInView)
		if got["top"] < got["header"]-1 || got["bottom"] > got["height"] || got["calc"] > got["height"]*0.75 {
			t.Errorf("width %d, /v/2025.1/calculator/: %v; want the banner below the header and the calculator's top in the view", w, got)
		}
		if w == 1280 && got["y"] != 0 {
			t.Errorf("width 1280: scrolled to %v", got["y"])
		}
		if n := harness.Eval[int](t, ctx, `document.querySelectorAll('.pc-banner').length`); n != 0 {
			t.Errorf("width %d: the banner is repeated in the calculator, its own in view", w)
		}
	}

	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844))
	freshLoad(t, ctx, s.URL+"/v/2025.1/performance/"+frag)
	waitTotal(t, ctx, "2772.00")
	got := harness.Eval[map[string]any](t, ctx, `(() => {
  const c = document.querySelector('.payout-calculator').getBoundingClientRect(), n = document.querySelector('.payout-calculator > .pc-banner');
  return {calc: c.top, height: innerHeight, copy: n ? n.textContent : '', role: n?.getAttribute('role') ?? '', own: document.querySelector('main > .banner').textContent,
    copyTop: n ? n.getBoundingClientRect().top : -1};
})()`)
	if calc, h := got["calc"].(float64), got["height"].(float64); calc < 0 || calc > h/2 {
		t.Errorf("the chapter's calculator is at %v of %v", calc, h)
	}
	if got["copy"] != got["own"] || got["role"] != "note" || got["copyTop"].(float64) < 0 {
		t.Errorf("the chapter's calculator shows %v; want the banner's words at its top, in view", got)
	}

	// Without a banner, the chapter's calculator is brought up as before.
	freshLoad(t, ctx, s.URL+"/latest/performance/"+frag)
	waitTotal(t, ctx, "2772.00")
	if got := harness.Eval[map[string]any](t, ctx, `({calc: document.querySelector('.payout-calculator').getBoundingClientRect().top, h: innerHeight, copies: document.querySelectorAll('.pc-banner').length})`); got["calc"].(float64) < 0 || got["calc"].(float64) > got["h"].(float64)/2 || got["copies"].(float64) != 0 {
		t.Errorf("/latest/performance/ at 390: %v; want the calculator brought up", got)
	}
}
