// Package orgchart draws the department's organisation chart from the
// reporting lines (直接上级 / 直接下级) of the job descriptions, so the chart
// and the text cannot disagree. Where the lines contradict each other the
// contradiction is reported and shown, never silently resolved.
package orgchart

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Job is one job description: its title and its reporting lines.
type Job struct {
	Label        string   // as the heading has it, e.g. "B、内勤" or "A"
	Title        string   // the job's name, "" when the heading gives none
	Anchor       string   // URL of the job description, for the chart's links
	Superiors    []string // 直接上级
	Subordinates []string // 直接下级
	Pos          Pos      // where the job description starts
	SupPos       Pos      // where its 直接上级 line is
	SubPos       Pos      // where its 直接下级 line is
}

// Pos names a place in the source for a warning.
type Pos struct {
	File   string
	Offset int
}

// Problem is an inconsistency in the reporting lines.
type Problem struct {
	Pos Pos
	Msg string
}

// TitleOf splits a job heading such as "B、内勤" into its title ("内勤").
// A heading that is only a letter has no title.
func TitleOf(label string) string {
	s := strings.TrimSpace(label)
	if i := strings.Index(s, "、"); i >= 0 {
		s = s[i+len("、"):]
	} else if utf8.RuneCountInString(s) <= 2 && strings.IndexFunc(s, func(r rune) bool { return r > 0x7f }) < 0 {
		s = ""
	}
	return strings.TrimSpace(s)
}

type node struct {
	name     string
	job      *Job
	external bool // named in a reporting line but without a description
	depth    int
	x, y     float64
	w        float64
}

type edge struct {
	from, to string
	kind     kind
}

// kind is what the job descriptions say of a reporting line, and so how
// it is drawn; the legend under the chart names each kind it shows.
type kind int

const (
	// agreed: both job descriptions state it (solid).
	agreed kind = iota
	// oneSided: only one states it; the other post has no job
	// description, or its has no line to say it (dashed).
	oneSided
	// conflict: one states it; the other's line names someone else
	// (dash-dotted, in the accent colour).
	conflict
)

// class is the edge's CSS class beside oc-edge.
func (k kind) class() string {
	return [...]string{"", "oc-edge-one-sided", "oc-edge-disputed"}[k]
}

// qualifier follows a reporting line in the chart's description and in
// Lines: what the job descriptions say of it.
func (k kind) qualifier() string {
	return [...]string{"", "（只见于一方的职务说明书）", "（双方职务说明书说法不一）"}[k]
}

// edgeSentence is a reporting line as readers are told it.
func edgeSentence(from, to string, k kind) string {
	return from + "是" + to + "的直接上级" + k.qualifier()
}

// Chart is the drawn chart and what was found wrong on the way.
type Chart struct {
	SVG []byte
	// Lines say what the chart shows, a sentence a line: each post in its
	// box ("职务：市场总监（没有职务说明书）"), then each reporting line as the
	// descriptions say it ("汇报关系：市场总监是大客户总监的直接上级（只见于一方
	// 的职务说明书）"), in the order drawn, so that what two revisions'
	// readers see can be compared: the changelog does.
	Lines []string
	// Problems are said to readers in a note under the chart and to
	// editors as warnings: each says what the source text says and what
	// the chart therefore shows, in plain words (the warning's hint says
	// what an editor can do about it).
	Problems []Problem
}

// Build draws the chart. Edges come from both kinds of line: a line both
// jobs agree on is solid; one stated from one side only is dashed, one
// the other side contradicts dash-dotted, and both are reported.
func Build(jobs []Job) Chart {
	var ch Chart
	nodes := map[string]*node{}
	var order []string
	add := func(name string, j *Job) *node {
		if n, ok := nodes[name]; ok {
			if j != nil && n.job == nil {
				n.job, n.external = j, false
			}
			return n
		}
		n := &node{name: name, job: j, external: j == nil}
		nodes[name] = n
		order = append(order, name)
		return n
	}
	for i := range jobs {
		j := &jobs[i]
		if j.Title == "" {
			ch.Problems = append(ch.Problems, Problem{j.Pos, "职务说明书“" + strings.TrimSpace(j.Label) + "”原文没有职务名称\uFF0C图中标作“" + nameOf(j) + "”。"})
		}
		add(nameOf(j), j)
	}
	described := map[string]*Job{}
	for i := range jobs {
		if jobs[i].Title != "" {
			described[jobs[i].Title] = &jobs[i]
		}
	}
	edges := map[[2]string]*edge{}
	var edgeOrder [][2]string
	addEdge := func(from, to string, k kind) {
		key := [2]string{from, to}
		if e, ok := edges[key]; ok {
			e.kind = min(e.kind, k)
			return
		}
		edges[key] = &edge{from: from, to: to, kind: k}
		edgeOrder = append(edgeOrder, key)
	}
	// drawnAs is how a line stated by one side only is drawn, by what
	// the other side's line (list) says.
	drawnAs := func(list []string) (kind, string) {
		if len(list) == 0 {
			return oneSided, "虚线"
		}
		return conflict, "红色点划线"
	}
	// Each job's two lines, 直接上级 then 直接下级, against what the other
	// side's description says back: the same walk in either direction.
	type line struct {
		mine, theirs string // the line's name, and the other side's
		says, not    string // 直接上级是 X / 直接下级有 X; 没有 me / 不是 me
		up           bool   // the other side is above
	}
	for i := range jobs {
		j := &jobs[i]
		me := nameOf(j)
		for _, l := range []line{{"直接上级", "直接下级", "是", "没有", true}, {"直接下级", "直接上级", "有", "不是", false}} {
			names, pos := j.Superiors, j.SupPos
			if !l.up {
				names, pos = j.Subordinates, j.SubPos
			}
			for _, other := range names {
				if other == me {
					ch.Problems = append(ch.Problems, Problem{pos, me + "的职务说明书把" + l.mine + "写作" + me + "自己\uFF0C图中没有画这条线。"})
					continue
				}
				add(other, nil)
				from, to := other, me
				if !l.up {
					from, to = me, other
				}
				oj := described[other]
				if oj == nil {
					addEdge(from, to, oneSided)
					continue
				}
				back := oj.Subordinates
				if !l.up {
					back = oj.Superiors
				}
				if contains(back, me) {
					// Both sides agree: drawn once, from the 直接上级 line.
					if l.up {
						addEdge(from, to, agreed)
					}
					continue
				}
				k, drawn := drawnAs(back)
				said := other + "的职务说明书却没有写" + l.theirs
				if k == conflict {
					said = other + "的职务说明书所写" + l.theirs + "却是" + strings.Join(back, "、") + "\uFF0C" + l.not + me
				}
				ch.Problems = append(ch.Problems, Problem{pos, me + "的职务说明书写明" + l.mine + l.says + other + "\uFF0C" + said + "；图中按" + me + "的职务说明书画出这条线（" + drawn + "）。"})
				addEdge(from, to, k)
			}
		}
	}
	for _, name := range order {
		n := nodes[name]
		if !n.external {
			continue
		}
		// Who names it, and as what.
		var asSup, asSub []string
		who := 0
		for i := range jobs {
			sup, sub := contains(jobs[i].Superiors, name), contains(jobs[i].Subordinates, name)
			if sup {
				asSup = append(asSup, nameOf(&jobs[i]))
			}
			if sub {
				asSub = append(asSub, nameOf(&jobs[i]))
			}
			if sup || sub {
				who++
			}
		}
		// The head of the department's superior is outside the
		// department and needs no description; anyone with reports does.
		var above, below []string
		for _, k := range edgeOrder {
			if k[1] == name {
				above = append(above, k[0])
			}
			if k[0] == name {
				below = append(below, k[1])
			}
		}
		if len(below) == 0 || who < 2 {
			continue
		}
		var named []string
		if len(asSub) > 0 {
			named = append(named, strings.Join(asSub, "、")+"的直接下级")
		}
		if len(asSup) > 0 {
			named = append(named, strings.Join(asSup, "、")+"的直接上级")
		}
		where := joinAnd(below) + "之上"
		if len(above) > 0 {
			where = joinAnd(above) + "之下、" + where
		}
		ch.Problems = append(ch.Problems, Problem{jobs[0].Pos, "原文没有" + name + "的职务说明书\uFF0C而" + strings.Join(named, "和") + "都写作" + name + "；图中按这些说明书\uFF0C以虚框把" + name + "画在" + where + "。"})
	}
	ch.SVG = draw(nodes, order, edges, edgeOrder)
	for _, name := range order {
		line := "职务：" + name
		if nodes[name].external {
			line += "（没有职务说明书）"
		}
		ch.Lines = append(ch.Lines, line)
	}
	for _, k := range edgeOrder {
		e := edges[k]
		ch.Lines = append(ch.Lines, "汇报关系："+edgeSentence(e.from, e.to, e.kind))
	}
	return ch
}

// nameOf is the name of a job's box: its title, or its label marked as
// untitled.
func nameOf(j *Job) string {
	if j.Title != "" {
		return j.Title
	}
	return strings.TrimSpace(j.Label) + "（未命名职务）"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// joinAnd lists names as a sentence does: "甲"、"甲和乙"、"甲、乙和丙".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], "、") + "和" + names[len(names)-1]
}

const (
	fontSize = 14.0
	boxH     = 36.0
	gapX     = 24.0
	gapY     = 44.0
	pad      = 12.0
	// scale is how much larger than its drawing units the chart is shown
	// where there is room: the boxes' 14 units of text read at 17.5 px,
	// as large as the text around it (17 px), not smaller (a reader found
	// the chart small on a laptop). A narrow screen still shrinks it to
	// the column's width (max-width in the stylesheet).
	scale = 1.25
)

func draw(nodes map[string]*node, order []string, edges map[[2]string]*edge, edgeOrder [][2]string) []byte {
	// Depth: longest chain of superiors above a node, ignoring cycles.
	var depth func(name string, seen map[string]bool) int
	depth = func(name string, seen map[string]bool) int {
		if seen[name] {
			return 0
		}
		seen[name] = true
		d := 0
		for _, k := range edgeOrder {
			if k[1] == name {
				if v := depth(k[0], seen) + 1; v > d {
					d = v
				}
			}
		}
		delete(seen, name)
		return d
	}
	layers := map[int][]*node{}
	maxDepth := 0
	for _, name := range order {
		n := nodes[name]
		n.depth = depth(name, map[string]bool{})
		layers[n.depth] = append(layers[n.depth], n)
		if n.depth > maxDepth {
			maxDepth = n.depth
		}
		n.w = float64(textWidth(name)) + 2*pad
	}
	width := 0.0
	for d := 0; d <= maxDepth; d++ {
		w := -gapX
		for _, n := range layers[d] {
			w += n.w + gapX
		}
		if w > width {
			width = w
		}
	}
	width += 2 * gapX
	height := float64(maxDepth+1)*(boxH+gapY) - gapY + 2*gapX
	for d := 0; d <= maxDepth; d++ {
		row := layers[d]
		w := -gapX
		for _, n := range row {
			w += n.w + gapX
		}
		x := (width - w) / 2
		for _, n := range row {
			n.x = x
			n.y = gapX + float64(d)*(boxH+gapY)
			x += n.w + gapX
		}
	}
	var b strings.Builder
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	// A group, not role="img": an image's content is presentational, so
	// the boxes' links were gone for a screen reader while Tab still
	// stopped on them. The group is named by the title, its reporting
	// lines are its description, and each linked box is a named link.
	b.WriteString(`<figure class="orgchart"><svg xmlns="http://www.w3.org/2000/svg" role="group" viewBox="0 0 ` + f(width) + " " + f(height) +
		`" width="` + f(width*scale) + `" height="` + f(height*scale) + `" aria-labelledby="orgchart-title" aria-describedby="orgchart-desc"><title id="orgchart-title">大客户部组织架构图</title>`)
	// The reporting lines as text, for whoever cannot see the drawing.
	var desc []string
	for _, k := range edgeOrder {
		e := edges[k]
		desc = append(desc, edgeSentence(e.from, e.to, e.kind))
	}
	b.WriteString(`<desc id="orgchart-desc">汇报关系：` + html.EscapeString(strings.Join(desc, "；")) + `。</desc>`)
	b.WriteString(`<defs><marker id="orgchart-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="oc-arrowhead"/></marker></defs>`)
	for _, k := range edgeOrder {
		e := edges[k]
		a, c := nodes[e.from], nodes[e.to]
		x1, y1 := a.x+a.w/2, a.y+boxH
		x2, y2 := c.x+c.w/2, c.y
		if c.depth <= a.depth { // a line against the hierarchy: draw it round the side
			y2 = c.y + boxH/2
			x2 = c.x + c.w
		}
		mid := (y1 + y2) / 2
		d := "M" + f(x1) + "," + f(y1) + " V" + f(mid) + " H" + f(x2) + " V" + f(y2)
		if c.depth > a.depth+1 {
			// A line past a level: its bend at mid height ran through
			// the boxes of the levels between. It bends in the gap
			// under its superior's row instead, goes down a lane clear
			// of the boxes between, and bends again in the gap above
			// its subordinate's row.
			lane := laneX(layers, a.depth+1, c.depth-1, x1, x2, width)
			d = "M" + f(x1) + "," + f(y1) + " V" + f(y1+gapY/2) + " H" + f(lane) + " V" + f(y2-gapY/2)
			if lane != x2 {
				d += " H" + f(x2)
			}
			d += " V" + f(y2)
		}
		cls := "oc-edge"
		if c := e.kind.class(); c != "" {
			cls += " " + c
		}
		b.WriteString(`<path class="` + cls + `" d="` + d +
			`" marker-end="url(#orgchart-arrow)" aria-hidden="true"><title>` + html.EscapeString(e.from+" → "+e.to) + `</title></path>`)
	}
	for _, name := range order {
		n := nodes[name]
		cls := "oc-node"
		if n.external {
			cls += " oc-external"
		}
		if n.job != nil && n.job.Title == "" {
			cls += " oc-untitled"
		}
		open, close := "", ""
		if n.job != nil && n.job.Anchor != "" {
			// Named for where it goes; the box's text begins the name.
			open, close = `<a href="`+html.EscapeString(n.job.Anchor)+`" aria-label="`+html.EscapeString(name)+`的职务说明书">`, "</a>"
		}
		b.WriteString(`<g class="` + cls + `">` + open + `<rect x="` + f(n.x) + `" y="` + f(n.y) + `" width="` + f(n.w) + `" height="` + f(boxH) +
			`" rx="6"/><text x="` + f(n.x+n.w/2) + `" y="` + f(n.y+boxH/2) + `" text-anchor="middle" dominant-baseline="central">` +
			html.EscapeString(name) + "</text>" + close + "</g>")
	}
	b.WriteString("</svg>")
	b.WriteString(legend(nodes, order, edges, edgeOrder) + "</figure>\n")
	return []byte(b.String())
}

// laneX is where a line passing levels from to to (inclusive) goes down:
// an x clear of every box of those levels by half a gap, the nearest such
// to the line's ends (x1, its superior's; x2, its subordinate's). The
// chart's margins are clear of every row.
func laneX(layers map[int][]*node, from, to int, x1, x2, width float64) float64 {
	m := gapX / 2
	blocked := func(x float64) bool {
		for d := from; d <= to; d++ {
			for _, n := range layers[d] {
				if x > n.x-m && x < n.x+n.w+m {
					return true
				}
			}
		}
		return false
	}
	// Candidates: the ends themselves, and each side of every box between.
	cands := []float64{x2, x1, m, width - m}
	for d := from; d <= to; d++ {
		for _, n := range layers[d] {
			cands = append(cands, n.x-m, n.x+n.w+m)
		}
	}
	best, cost := width-m, -1.0
	for _, x := range cands {
		if x < 0 || x > width || blocked(x) {
			continue
		}
		if c := abs(x-x1) + abs(x-x2); cost < 0 || c < cost {
			best, cost = x, c
		}
	}
	return best
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// legend is the chart's caption: each kind of line and box the chart
// draws, with a sample of it, and nothing it does not draw.
func legend(nodes map[string]*node, order []string, edges map[[2]string]*edge, edgeOrder [][2]string) string {
	var kinds [3]bool
	for _, k := range edgeOrder {
		kinds[edges[k].kind] = true
	}
	external, untitled := false, false
	for _, name := range order {
		n := nodes[name]
		external = external || n.external
		untitled = untitled || n.job != nil && n.job.Title == ""
	}
	var items []string
	line := func(k kind, text string) {
		if kinds[k] {
			cls := strings.TrimSpace("oc-edge " + k.class())
			items = append(items, `<li><svg viewBox="0 0 28 10" width="28" height="10" aria-hidden="true"><path class="`+cls+`" d="M0,5H28"/></svg>`+text+`</li>`)
		}
	}
	box := func(on bool, cls, text string) {
		if on {
			items = append(items, `<li><svg viewBox="0 0 24 14" width="24" height="14" aria-hidden="true"><g class="oc-node `+cls+`"><rect x="1" y="1" width="22" height="12" rx="3"/></g></svg>`+text+`</li>`)
		}
	}
	line(agreed, "实线：双方职务说明书都写明的汇报关系")
	line(oneSided, "虚线：只见于一方职务说明书的汇报关系（另一方没有职务说明书，或没有写这一项）")
	line(conflict, "红色点划线：双方职务说明书说法不一的汇报关系")
	box(external, "oc-external", "虚框：没有职务说明书的职务")
	box(untitled, "oc-untitled", "红框：原文没有职务名称的职务说明书")
	if len(items) == 0 {
		return ""
	}
	return `<figcaption><ul class="oc-legend">` + strings.Join(items, "") + `</ul></figcaption>`
}

// textWidth estimates the drawn width: a Chinese character is one em, a
// Latin one about half.
func textWidth(s string) int {
	w := 0.0
	for _, r := range s {
		if r > 0x2E80 {
			w += fontSize
		} else {
			w += fontSize * 0.6
		}
	}
	return int(w + 0.5)
}
