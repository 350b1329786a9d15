package scripts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// payChapter is another company's chapter of payout rules, whose clauses
// calculator/testdata/three-roles.toml cites: a warehouse's three roles,
// none of them this handbook's sales or assistant.
const payChapter = `---
title: 第一章 绩效工资
slug: pay
calculator: true
---
## 拣货员

### 考核指标 {#拣货员考核指标}

1. 拣货量(50分)
2. 准确率(50分)

### 奖惩办法 {#拣货员奖惩办法}

1. 得分在(90——100)分,按100%发放。
2. 得分在(60——89)分,按分数比例发放。
3. 60分以下不发放;连续三个月排名最后者予以辞退。
4. 超额完成另发5%;未完成扣5%。

## 班组长

### 考核指标 {#班组长考核指标}

1. 班组产量(40分)
2. 安全(30分)
3. 带班(30分)

### 奖惩办法 {#班组长奖惩办法}

1. 得分在(90——100)分,按110%发放。
2. 得分在(60——89)分,按分数比例发放。
3. 60分以下不发放。
4. 超额完成另发10%;未完成扣10%。

## 质检员

### 考核指标 {#质检员考核指标}

1. 检验量(30分)
2. 漏检(30分)
3. 记录(20分)
4. 态度(20分)

### 奖惩办法 {#质检员奖惩办法}

1. 得分在(90——100)分,按100%发放。
2. 得分在(60——89)分,按分数比例发放。
3. 60分以下不发放。
4. 超额完成另发5%;未完成扣5%。
`

// A handbook of another company's (README, "Starting a handbook of your
// own") has roles of its own: the page offers each role its rules define,
// by its name, and computes each one, its link naming the role by its id
// (team-lead) or as people shorten its name (组长). Rules files with any
// role but sales and assistant were refused.
func TestCalculatorOffersTheRulesOwnRoles(t *testing.T) {
	dir := t.TempDir()
	rules, err := os.ReadFile(filepath.Join(harness.ModuleRoot(), "calculator", "testdata", "three-roles.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"site.toml":  "title = \"仓储部员工手册\"\norganisation = \"某物流公司\"\nlanguage = \"zh-CN\"\n",
		"01-pay.md":  payChapter,
		"rules.toml": string(rules),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	openCalculator(t, ctx, s.URL+calcPath)

	offered := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('input[name=pc0-role]')].map(i => i.value + '=' + i.closest('label').textContent)`)
	if strings.Join(offered, " ") != "picker=拣货员 team-lead=班组长 qc2=质检员" {
		t.Fatalf("roles offered: %q", offered)
	}

	// The third role, by its criteria: 25+25+18+18 = 86 分 of 2000 元, 完成.
	harness.Do(t, ctx, chromedp.Click(segment("qc2")), chromedp.Click(segment("criteria")), chromedp.WaitVisible(chromedp.CSS(critField(3))))
	labels := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('.pc-criteria-fields label')].map(l => l.textContent)`)
	if len(labels) != 4 || !strings.Contains(labels[0], "检验量") || !strings.Contains(labels[3], "态度") {
		t.Errorf("criteria of 质检员: %q", labels)
	}
	harness.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(critField(0)), "25"),
		chromedp.SendKeys(chromedp.CSS(critField(1)), "25"),
		chromedp.SendKeys(chromedp.CSS(critField(2)), "18"),
		chromedp.SendKeys(chromedp.CSS(critField(3)), "18"),
		chromedp.SendKeys(chromedp.CSS(baseField), "2000"),
		chromedp.Click(segment("met")),
	)
	waitTotal(t, ctx, "1720.00")
	if facts := harness.Eval[string](t, ctx, `document.querySelector('.pc-facts .pc-fact').textContent`); facts != "岗位质检员" {
		t.Errorf("the result's first fact reads %q, want 岗位质检员", facts)
	}
	links := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('.pc-step a.pc-clause')].map(a => decodeURIComponent(new URL(a.href).hash))`)
	if strings.Join(links, " ") != "#质检员考核指标 #质检员奖惩办法.2 #质检员奖惩办法.4" {
		t.Errorf("step links %q", links)
	}
	harness.WaitFor(t, ctx, `location.hash.includes('base=2000')`, `location.hash`)
	if h := harness.Eval[string](t, ctx, `location.hash`); h != "#role=qc2&scores=25,25,18,18&base=2000&dept=met" {
		t.Errorf("fragment %q", h)
	}

	// A link names the role by its id, or as people shorten its name.
	for _, frag := range []string{"#role=team-lead&score=95&base=3000&dept=exceeded", "#role=组长&score=95&base=3000&dept=超额完成"} {
		freshLoad(t, ctx, s.URL+calcPath+frag)
		waitTotal(t, ctx, "3630.00") // 3000 × 110% + 10%
		if got := harness.Eval[string](t, ctx, formState); !strings.Contains(got, `"role":"team-lead"`) {
			t.Errorf("%s: form %s", frag, got)
		}
	}
}
