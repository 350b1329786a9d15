// Package batch computes a department's month (or months) of payouts from a
// CSV file, with the same engine as the page: one row per employee and
// month in, one result per row out, and the 末位淘汰 flag for staff whose
// role has a ranking rule (销售人员) when they are last the required number
// of months running.
//
// Input columns (header row required, names in English or Chinese, any
// order):
//
//	employee  工号       identifier used for the ranking
//	name      姓名       shown in the output (optional)
//	role      岗位       sales | assistant, or the role's Chinese name
//	month     月份       YYYY-MM (or as Excel saves it: 2026/3/1, 2026年3月)
//	score     得分       the total score, or
//	scores    分项得分   criterion scores in the role's order ("50;19;19") or
//	                     name=value pairs; or one column per criterion name
//	base      绩效工资   base performance pay, yuan
//	dept      部门业绩   exceeded | met | missed, or 超额完成 | 完成 | 未完成
//
// An employee has one row per month. Every bad cell is reported as
// file:line:col; when there is any, no result is returned at all.
package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"handbook/calculator"
	"handbook/generator/diag"
)

// Row is one line of the input.
type Row struct {
	Line     int
	Employee string
	Name     string
	Month    int // calculator.ParseMonth; see parseMonth
	Input    calculator.Input

	// The row's cells (as textCell reads them) and what each column of
	// its file is, for WriteCSV to write them again.
	cells  []string
	layout *layout
	typed  string // the employee's ID as the file has it, before foldID
}

// Line is one computed row.
type Line struct {
	Row
	Result calculator.Result
	Mark   calculator.Mark
	// RankingReadings are the readings of the rules (of the line's month)
	// that decided Mark: the ranking's, when the employee shared the
	// month's lowest score (a tie, or everyone tied) in it or in a month
	// of the run Mark counts. Empty when none did.
	RankingReadings []calculator.Reading
	// roleKey is the line's role as the file's months share it (roleKeys);
	// "" for Input.Role.
	roleKey string
}

// role is the line's role as the file's months share it: a role whose id
// a revision changed is one role across the change (roleKeys).
func (l Line) role() string {
	if l.roleKey != "" {
		return l.roleKey
	}
	return l.Input.Role
}

// roleKeys maps each set of rules of s to its roles' identity in a file
// whose last month is last: a role's id in the rules of that month, where
// they have the role by its id or, a revision having changed its id, by
// its name (拣货员, sales and then picker); else its own id. Keyed by id, a
// 末位淘汰 run ended at the revision that renamed the role, and the file
// was said to cover its last month only.
func roleKeys(s Schedule, last int) map[*calculator.Rules]map[string]string {
	final := s.For(last)
	out := map[*calculator.Rules]map[string]string{}
	for _, rules := range s.sets() {
		m := map[string]string{}
		for _, ro := range rules.Roles {
			m[ro.ID] = ro.ID
			if final.Role(ro.ID) != nil {
				continue
			}
			for _, fr := range final.Roles {
				if fr.Name == ro.Name {
					m[ro.ID] = fr.ID
					break
				}
			}
		}
		out[rules] = m
	}
	return out
}

// columnNames are the header names of each input column, as headerName
// reads them (letter case, spaces, _ and - aside: Base Pay, base_pay and
// BasePay are one): the output's own (see outHeader), the words an
// English sheet uses, and the Chinese a payroll sheet uses.
var columnNames = map[string]string{
	"employee": "employee", "工号": "employee", "员工": "employee", "id": "employee",
	"employeeid": "employee", "employeeno": "employee", "empid": "employee", "staffid": "employee", "员工编号": "employee", "员工号": "employee",
	"name": "name", "姓名": "name", "employeename": "name", "fullname": "name", "员工姓名": "name",
	"role": "role", "岗位": "role", "position": "role", "job": "role", "职位": "role", "职务": "role",
	"month": "month", "月份": "month", "period": "month", "考核月份": "month",
	"score": "score", "得分": "score", "考核得分": "score", "totalscore": "score", "总分": "score", "考核总分": "score", "合计得分": "score",
	"scores": "scores", "分项得分": "scores", "criterionscores": "scores", "criteriascores": "scores",
	"base": "base", "绩效工资": "base", "当月绩效工资": "base", "basepay": "base", "performancepay": "base", "绩效工资基数": "base",
	"dept": "dept", "部门业绩": "dept", "部门": "dept", "部门业绩目标": "dept",
	"department": "dept", "departmentresult": "dept", "deptresult": "dept", "departmenttarget": "dept", "部门业绩目标完成情况": "dept",
}

// otherColumns are columns a payroll sheet has beside the month's
// figures, which the payout does not read: the row number (序号, No.),
// remarks (备注) and the employee's signature (签字). They were unknown
// columns, and every such sheet was refused until they were deleted.
var otherColumns = map[string]bool{
	"序号": true, "备注": true, "说明": true, "签字": true, "签名": true, "本人签字": true, "员工签字": true,
	"no": true, "no.": true, "#": true, "seq": true, "note": true, "notes": true, "remark": true, "remarks": true, "comment": true, "comments": true, "signature": true,
}

// weakColumns are header names that name a column only when no other
// header names it (see Read): 部门 may be the department's name.
var weakColumns = map[string]bool{"部门": true, "department": true}

// computedColumns are the columns the output adds to the input's (see
// outHeader) and the table's Chinese names of them: a file written by -o
// is read again as input (last month's results beside this month's rows,
// for the 末位淘汰 ranking), its results computed afresh from its inputs.
var computedColumns = map[string]bool{
	"tier": true, "rate": true, "pay": true, "adjust": true, "total": true, "lastplacemonths": true, "elimination": true,
	"分档": true, "比例": true, "奖惩": true, "应发": true, "连续倒数第一": true, "末位淘汰": true,
}

// columnLabels name the columns in a message, in both languages.
var columnLabels = map[string]string{
	"employee": "employee (工号)", "name": "name (姓名)", "role": "role (岗位)", "month": "month (月份)",
	"score": "score (得分)", "scores": "scores (分项得分)", "base": "base (绩效工资)", "dept": "dept (部门业绩)",
}

// headerName is a header cell as columnNames and the criteria know it:
// without the byte order mark, spaces (姓　名, spaced to line up with
// four-character headers, as Chinese tables are), _ or - (base_pay), or
// the unit the column is read in, in brackets after it (绩效工资（元）,
// 得分(分), Base (yuan)), as a spreadsheet's headers carry.
func headerName(h string) string {
	h = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, h)
	lower := strings.ToLower(h)
	for _, unit := range []string{"(元)", "（元）", "(分)", "（分）", "(yuan)", "(rmb)", "(cny)", "(¥)", "(￥)", "(points)"} {
		if rest, ok := strings.CutSuffix(lower, unit); ok && rest != "" {
			return rest // not 绩效工资（万元）: that is another amount
		}
	}
	return h
}

// Schedule is the rules each month of a file is computed by. A
// handbook's rules change with its revisions, and a file holding the
// months before this one (for 末位淘汰) may span a change: each month is
// paid by the rules in force in it. Every month was computed by one set.
type Schedule struct {
	Rules   *calculator.Rules // for the months before the first period's, or every month
	Periods []Period          // in order of From
}

// Period is a set of rules and the first month it computes; it holds
// until the next period's.
type Period struct {
	From  int // calculator.ParseMonth
	Rules *calculator.Rules
}

// For is the rules a month's rows are computed by.
func (s Schedule) For(month int) *calculator.Rules {
	r := s.Rules
	for _, p := range s.Periods {
		if p.From <= month {
			r = p.Rules
		}
	}
	return r
}

// sets are the schedule's sets of rules, each once, s.Rules first.
func (s Schedule) sets() []*calculator.Rules {
	sets := []*calculator.Rules{s.Rules}
	for _, p := range s.Periods {
		if !slices.Contains(sets, p.Rules) {
			sets = append(sets, p.Rules)
		}
	}
	return sets
}

// Run reads and computes a CSV file by one set of rules. name is the path
// shown in diagnostics. The error, if any, is a diag.List error naming
// every bad cell; the lines are then nil.
func Run(name string, src io.Reader, rules *calculator.Rules) ([]Line, error) {
	return RunSchedule(name, src, Schedule{Rules: rules})
}

// RunSchedule is Run with each month's rows read, checked and computed by
// the rules s gives that month; the 末位淘汰 ranking still runs across the
// whole file, each month's marks by the ranking rule in force in it.
func RunSchedule(name string, src io.Reader, s Schedule) ([]Line, error) {
	rows, err := read(name, src, s)
	if err == nil {
		var lines []Line
		if lines, err = compute(name, s, rows); err == nil {
			return lines, nil
		}
	}
	// The messages quote cells; their control characters are shown, not
	// sent to the terminal (see printable).
	list := diag.FromError(err)
	for i := range list {
		list[i].Msg, list[i].Hint = printable(list[i].Msg), printable(list[i].Hint)
	}
	if list == nil {
		return nil, err
	}
	return nil, list.Err()
}

// Read parses the CSV into rows, checking every cell.
func Read(name string, src io.Reader, rules *calculator.Rules) ([]Row, error) {
	return read(name, src, Schedule{Rules: rules})
}

// read is Read with each row checked by the rules of its month (s.For):
// the header's columns may be those of any of s's rules.
func read(name string, src io.Reader, s Schedule) ([]Row, error) {
	rules, sets := s.Rules, s.sets()
	var list diag.List
	data, err := io.ReadAll(src)
	if err != nil {
		list.Errorf(name, 0, 0, err.Error(), "")
		return nil, list.Err()
	}
	// A workbook given as it is (月度考核.xlsx): an admin's month is a
	// spreadsheet first. Said as such, with how to save it as CSV; it was
	// "empty CSV file" or "not UTF-8 text (… GBK …)", by its bytes.
	for _, wb := range []struct{ magic, what string }{
		{"PK\x03\x04", "an Excel workbook (.xlsx), or another zipped document (.ods, .numbers), not CSV text"},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97–2003 (.xls) or WPS (.et) workbook, not CSV text"},
	} {
		if bytes.HasPrefix(data, []byte(wb.magic)) {
			list.Errorf(name, 1, 1, "the file is "+wb.what,
				"open it in Excel or WPS and save it with 文件 → 另存为 → \"CSV UTF-8 (逗号分隔)(*.csv)\", then give that file to -csv")
			return nil, list.Err()
		}
	}
	// Excel's "Unicode 文本 (*.txt)" and WPS's 'Unicode 文本' are UTF-16
	// with tabs between the columns: said as such, not as GBK below.
	// Without its byte order mark (written by a script or another
	// program), UTF-16 is known by the zero byte beside each ASCII
	// character of the header: it was called GBK, at line 2.
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) ||
		len(data) >= 4 && (data[0] == 0) != (data[1] == 0) && (data[2] == 0) != (data[3] == 0) {
		list.Errorf(name, 1, 1, "the file is UTF-16 text (Excel's and WPS's \"Unicode 文本\"), not UTF-8",
			"save it as \"CSV UTF-8 (逗号分隔)\" and run again")
		return nil, list.Err()
	}
	// A byte order mark (Excel writes one) is not part of the first cell,
	// nor a column an editor shows.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// Lines ended by a carriage return alone (Excel for Mac's "CSV
	// (Macintosh)", classic Mac text): read as the lines they are. The
	// whole file was one header row of a dozen unknown columns.
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	text := runeColumns(data)
	// Excel's "CSV (逗号分隔)" is written in the system's code page (GBK
	// on a Chinese Windows): read as UTF-8, every Chinese header was an
	// unknown column and every Chinese name went into the output garbled.
	if i := invalidUTF8(data); i >= 0 {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		list.Errorf(name, line, text.col(line, i-text.starts[line-1]+1),
			"the file is not UTF-8 text (Excel's \"CSV (逗号分隔)\" is saved in the system's code page, GBK on a Chinese Windows)",
			"save it as \"CSV UTF-8 (逗号分隔)\" and run again")
		return nil, list.Err()
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	nums := numbers{decimalComma: cr.Comma == ';'}
	// FieldPos and ParseError count columns in bytes; diagnostics count
	// them in characters (generator/diag), as an editor does.
	pos := func(i int) (int, int) {
		l, c := cr.FieldPos(i)
		return l, text.col(l, c)
	}
	col := func(i int) int {
		_, c := pos(i)
		return c
	}
	header, err := cr.Read()
	// A title above the header row, as Chinese payroll sheets have one
	// (大客户部2026年3月绩效考核表 in a merged first row, the other cells
	// empty), and blank rows are skipped: the header is the first row
	// with two cells or more.
	var titles []string // the title rows skipped, as "line 1 (…)"
	for err == nil && filled(header) < 2 {
		if !blank(header) {
			l, _ := cr.FieldPos(0)
			titles = append(titles, "line "+itoa(l)+" ("+strings.Join(strings.Fields(strings.Join(header, " ")), " ")+")")
		}
		header, err = cr.Read()
	}
	if err != nil {
		if err == io.EOF {
			list.Errorf(name, 1, 1, "empty CSV file: no header row", "write a header row: "+exampleHeader)
		} else {
			csvErr(&list, name, err, text)
		}
		return nil, list.Err()
	}
	headerLine, _ := cr.FieldPos(0)
	cols := map[string]int{}
	critCols := map[string]int{} // criterion name → column
	weak := map[string]int{}     // see weakColumns
	if !anyColumn(sets, header) {
		// No cell names a column: the file's first row is an employee's
		// (a sheet saved without its header row), or its header is in
		// another language. One message for the row, not one per cell.
		var cells []string
		for _, c := range header {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, "\""+c+"\"")
			}
		}
		list.Errorf(name, headerLine, 1, "the first row ("+strings.Join(cells, ",")+") names no column: the header row is missing or its names are not known",
			"start the file with a header row such as "+exampleHeader+"; the columns are "+columnList(rules))
		return nil, list.Err()
	}
	for i, cell := range header {
		h := headerName(cell)
		lh := strings.ToLower(h)
		key, ok := columnNames[lh]
		switch {
		case skippedColumn(lh):
			// A result column of our own output, computed again, or a
			// sheet's row number, remarks or signature.
		case ok && weakColumns[lh]:
			if _, dup := weak[key]; !dup {
				weak[key] = i
			}
		case ok:
			if j, dup := cols[key]; dup {
				list.Errorf(name, headerLine, col(i), "column \""+strings.TrimSpace(cell)+"\" is a second "+columnLabels[key]+" column (the first is column "+itoa(j+1)+")", "keep one")
			}
			cols[key] = i
		case isCriterion(sets, h):
			if j, dup := critCols[h]; dup {
				list.Errorf(name, headerLine, col(i), "column \""+strings.TrimSpace(cell)+"\" is a second "+h+" column (the first is column "+itoa(j+1)+")", "keep one")
			}
			critCols[h] = i
		default:
			list.Errorf(name, headerLine, col(i), "unknown column \""+strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))+"\"",
				"use "+columnList(rules))
		}
	}
	// A column named 部门 (department) is the department's result only
	// when no column says so more precisely: a payroll sheet's 部门 most
	// often holds the department's name (大客户部) beside 部门业绩, and
	// such a sheet was refused as having two dept columns.
	for key, i := range weak {
		if _, ok := cols[key]; !ok {
			cols[key] = i
		}
	}
	byName := false // the name column stands for the employee's
	if _, ok := cols["employee"]; !ok {
		// A sheet of names alone (name,month,role,score,base,dept): the
		// name is then who the row is, for the ranking and for one row
		// per employee and month.
		if i, ok := cols["name"]; ok {
			cols["employee"], byName = i, true
		}
	}
	lay := &layout{names: make([]string, len(header)), keys: make([]string, len(header)), titles: titles}
	for i, cell := range header {
		lay.names[i] = strings.TrimSpace(cell)
		if computedColumns[strings.ToLower(headerName(cell))] {
			lay.keys[i] = dropped
		}
	}
	for key, i := range cols {
		if key != "employee" || !byName {
			lay.keys[i] = key
		}
	}
	for _, need := range []string{"employee", "role", "month", "base", "dept"} {
		if _, ok := cols[need]; !ok {
			hint := "add it to the header row"
			if need == "employee" {
				hint = "add it (or a name (姓名) column, which then tells the employees apart) to the header row"
			}
			list.Errorf(name, headerLine, 1, "missing column "+columnLabels[need], hint)
		}
	}
	_, hasScore := cols["score"]
	_, hasScores := cols["scores"]
	if !hasScore && !hasScores && len(critCols) == 0 {
		list.Errorf(name, headerLine, 1, "missing column score (得分)", "add score (得分, the total) or scores (分项得分, the criterion scores) or one column per criterion ("+criterionNames(rules)+")")
	}
	if list.HasErrors() {
		return nil, list.Err()
	}

	var rows []Row
	var keyed []Row // the rows whose employee and month are readable
	// A sheet's total rows (合计, 总计) met since the last employee's row:
	// skipped below the rows, refused above one (see totalRow).
	type total struct {
		line, col int
		word      string
	}
	var totals []total
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvErr(&list, name, err, text)
			break
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) { // a blank line, or a row of empty cells as Excel saves one
			continue
		}
		if c := totalRow(rec, cols["employee"]); c >= 0 {
			// 合计 with a role beside it is an employee's row, whose ID
			// was typed over or pasted wrong: it was dropped in silence,
			// the employee unpaid. So is one above the employees' rows,
			// whichever cells it fills: only the sheet's total row, below
			// them, is skipped.
			if i, ok := cols["role"]; ok && i < len(rec) && anyRole(sets, rec[i]) {
				l, cc := pos(c)
				list.Errorf(name, l, cc, "\""+strings.TrimSpace(rec[c])+"\" on a row with a role ("+strings.TrimSpace(rec[i])+"): the row reads as an employee's, and "+strings.TrimSpace(rec[c])+" names no one",
					"give the employee's ID; if it is the sheet's total row, empty its role (岗位) cell and keep it below the employees' rows")
				continue
			}
			l, cc := pos(c)
			totals = append(totals, total{l, cc, strings.TrimSpace(rec[c])})
			continue
		}
		for _, t := range totals {
			list.Errorf(name, t.line, t.col, "a total row ("+t.word+") above employees' rows (the next is line "+itoa(line)+"): a sheet's total row is skipped only below the last employee's row, and this one's figures are no one's",
				"delete it (payout totals each month itself), or move it below the last row")
		}
		totals = totals[:0]
		if len(rec) != len(header) {
			if i := cols["base"] + 1; len(rec) > len(header) && splitAmount(rec[i-1], rec[i]) {
				// 3,000 typed in a file saved by hand, unquoted: the
				// comma split the amount into two fields.
				l, c := pos(i - 1)
				list.Errorf(name, l, c, "row has "+itoa(len(rec))+" fields, the header "+itoa(len(header))+": "+rec[i-1]+","+rec[i]+" looks like one amount split at its thousands separator",
					"write it without the comma ("+rec[i-1]+rec[i]+") or in double quotes (\""+rec[i-1]+","+rec[i]+"\")")
				continue
			}
			list.Errorf(name, line, 1, "row has "+itoa(len(rec))+" fields, the header "+itoa(len(header)), "fill every column (empty cells are allowed only where optional); a value holding a comma goes in double quotes")
			continue
		}
		for i, c := range rec {
			rec[i] = textCell(strings.TrimSpace(c))
		}
		get := func(key string) string {
			if i, ok := cols[key]; ok {
				return rec[i]
			}
			return ""
		}
		// The columns already found bad; the engine's check of the
		// readable ones below names the others.
		bad := map[int]bool{}
		report := func(c int, msg, hint string) {
			bad[c] = true
			l, cc := pos(c)
			list.Errorf(name, l, cc, msg, hint)
		}
		// An ID typed full-width (Ｓ2, as a Chinese input method left in
		// full-width mode types it) is the ID it spells: it was another
		// person, whose 末位淘汰 run and month were apart from S2's.
		row := Row{Line: line, Employee: foldID(get("employee")), typed: get("employee"), Name: get("name"), cells: rec, layout: lay}
		if row.Employee == "" {
			if byName {
				report(cols["employee"], "empty name", "the file has no employee (工号) column, so the name tells the employees apart: fill it")
			} else {
				report(cols["employee"], "empty employee", "give each employee a stable identifier")
			}
		}
		// An empty cell is said to be empty: 'base "" is not an amount of
		// yuan' and 'unknown role ""' spoke of a value nobody typed.
		empty := func(key string) bool {
			if get(key) != "" {
				return false
			}
			report(cols[key], "empty "+columnLabels[key], "fill it in every row")
			return true
		}
		// The row is read by the rules of its month.
		rules := rules
		m, monthOK := parseMonth(get("month"))
		if monthOK {
			row.Month, rules = m, s.For(m)
		} else if !empty("month") {
			// 2026-13 is YYYY-MM, with no such month: said so, not that
			// it is not the form it is in.
			what, hint := "is not YYYY-MM", "e.g. 2025-03 (or 2025/3, 2025年3月)"
			if m := reMonthNumber.FindStringSubmatch(get("month")); m != nil {
				what = "has no month " + monthNumber(m[1]) + ": months run from 01 to 12"
			} else if p := dayProblem(get("month")); p != "" {
				// 2026-02-30: a date no calendar has, a typo or a
				// formula's; which month it meant is not guessed.
				m, _, _ := readMonth(get("month"))
				what, hint = p, "write the month alone ("+calculator.FormatMonth(m)+"), or a day of it ("+strconv.Itoa(m/12)+"/"+strconv.Itoa(m%12+1)+"/1)"
			}
			report(cols["month"], "month \""+get("month")+"\" "+what, hint)
		}
		ro := rules.FindRole(get("role"))
		if ro == nil && get("role") != "" {
			// A role by the id another revision of the file's gives it
			// (picker, from 2027.1, on a row of 2026-12 when it was
			// sales): the same role by its name in this month's rules.
			for _, other := range s.sets() {
				if o := other.FindRole(get("role")); o != nil && other != rules {
					for i := range rules.Roles {
						if rules.Roles[i].Name == o.Name {
							ro = &rules.Roles[i]
						}
					}
				}
			}
		}
		switch {
		case ro != nil:
			row.Input.Role = ro.ID
		case !empty("role"):
			report(cols["role"], "unknown role \""+get("role")+"\"", "use "+roleChoices(rules))
		}
		if base, why, hint := nums.yuan(get("base")); why == "" {
			row.Input.BaseFen = base
		} else if !empty("base") {
			report(cols["base"], "base \""+get("base")+"\" "+why, hint)
		}
		if ro != nil {
			if a := ro.FindDept(get("dept")); a != nil {
				row.Input.Dept = a.Result
			} else if !empty("dept") {
				report(cols["dept"], "unknown department result \""+get("dept")+"\"", "use exceeded, met or missed (超额完成, 完成, 未完成)")
			}
		}
		readScores(&row, ro, rec, cols, critCols, nums, report)
		// Every readable cell is checked as the engine checks it, even
		// beside a bad one, so a row's every problem is named at once
		// (a score above 100 beside a bad month).
		if _, err := calculator.Compute(rules, row.Input); err != nil {
			var fe calculator.FieldErrors
			errors.As(err, &fe)
			for _, e := range fe {
				if e.Field == "role" || e.Field == "dept" || (ro == nil && strings.HasPrefix(e.Field, "score")) {
					continue // named above, or unknowable without a role
				}
				if c := fieldColumn(e.Field, cols, critCols, ro); !bad[c] {
					report(c, rangeMsg(e, &row, ro, get), "")
				}
			}
		}
		rows = append(rows, row)
		if monthOK && row.Employee != "" {
			keyed = append(keyed, row)
		}
	}
	// A second row for an employee's month is named with the bad cells,
	// not only once they are fixed: the admin fixed every row the first
	// run named, and the second run named another.
	for _, t := range totals {
		lay.totals = append(lay.totals, "line "+itoa(t.line)+" ("+t.word+")")
	}
	onePerMonth(&list, name, keyed, byName)
	list.Sort()
	if len(rows) == 0 && !list.HasErrors() {
		list.Errorf(name, headerLine, 0, "no rows: the file has a header row but no employee", "add one row per employee and month below the header")
	}
	if list.HasErrors() {
		return nil, list.Err()
	}
	return rows, nil
}

// Compute computes every row and ranks each role that has a ranking rule.
// An employee may have one row per month, whatever the role: a second one
// would be paid twice.
func Compute(name string, rules *calculator.Rules, rows []Row) ([]Line, error) {
	return compute(name, Schedule{Rules: rules}, rows)
}

// compute is Compute with each row computed by the rules of its month (s.For).
func compute(name string, s Schedule, rows []Row) ([]Line, error) {
	var list diag.List
	lines := make([]Line, len(rows))
	onePerMonth(&list, name, rows, false)
	for i, row := range rows {
		res, err := calculator.Compute(s.For(row.Month), row.Input)
		if err != nil {
			list.Errorf(name, row.Line, 1, err.Error(), "")
			continue
		}
		lines[i] = Line{Row: row, Result: res}
	}
	if list.HasErrors() {
		return nil, list.Err()
	}
	if len(lines) > 0 {
		last := lines[0].Month
		for _, l := range lines {
			last = max(last, l.Month)
		}
		keys := roleKeys(s, last)
		for i := range lines {
			lines[i].roleKey = keys[s.For(lines[i].Month)][lines[i].Input.Role]
		}
	}
	// A month's last place is by the ranking rule in force in it, the
	// months running counted across the whole file, whatever rules
	// computed them (runs, below).
	for _, rules := range s.sets() {
		for _, ro := range rules.Roles {
			if ro.Ranking == nil {
				continue
			}
			var idx []int
			var scores []calculator.MonthScore
			for i, l := range lines {
				if l.Input.Role == ro.ID {
					idx = append(idx, i)
					scores = append(scores, calculator.MonthScore{Employee: l.Employee, Month: l.Month, Score: l.Result.Score})
				}
			}
			marks, err := calculator.Rank(ro.Ranking, scores)
			if err != nil { // not reached: each employee and month has one row
				list.Errorf(name, 0, 0, err.Error(), "")
				continue
			}
			for j, i := range idx {
				if s.For(lines[i].Month) == rules {
					lines[i].Mark = marks[j]
				}
			}
		}
	}
	if list.HasErrors() {
		return nil, list.Err()
	}
	if len(s.Periods) > 0 {
		runs(s, lines)
	}
	rankingReadings(s, lines)
	return lines, nil
}

// rankingReadings sets the RankingReadings of each line whose 末位淘汰
// mark a reading of ties decided: the employee's score was the lowest of
// the month and shared (everyone last, or nobody, as the ranking's ties
// and all_tied say), in the line's month or in a month of the run it is
// last in. The reading is the one of the ranking's clause, by the rules of
// the line's month. -json gave such rows "readings": [], though the
// tie decided who was last and who was flagged.
func rankingReadings(s Schedule, lines []Line) {
	type month struct {
		role  string
		month int
	}
	type stat struct {
		n, nLow int
		low     int64
	}
	stats := map[month]*stat{}
	for _, l := range lines {
		k := month{l.role(), l.Month}
		st := stats[k]
		if st == nil {
			st = &stat{low: l.Result.Score}
			stats[k] = st
		}
		st.n++
		st.low = min(st.low, l.Result.Score)
	}
	score := map[string]int64{} // role, employee and month → score
	key := func(role, emp string, m int) string { return role + "\x00" + emp + "\x00" + itoa(m) }
	for _, l := range lines {
		if st := stats[month{l.role(), l.Month}]; l.Result.Score == st.low {
			st.nLow++
		}
		score[key(l.role(), l.Employee, l.Month)] = l.Result.Score
	}
	// tied: the employee shared the lowest score of a month that ranks.
	tied := func(role, emp string, m int, rk *calculator.Ranking) bool {
		st := stats[month{role, m}]
		sc, ok := score[key(role, emp, m)]
		return ok && st != nil && st.n >= rk.MinStaff && st.nLow > 1 && sc == st.low
	}
	for i, l := range lines {
		rules := s.For(l.Month)
		ro := rules.FindRole(l.Input.Role)
		if ro == nil || ro.Ranking == nil {
			continue
		}
		decided := tied(l.role(), l.Employee, l.Month, ro.Ranking)
		for m := l.Month - 1; l.Mark.Last && !decided && m > l.Month-l.Mark.Run; m-- {
			decided = tied(l.role(), l.Employee, m, ro.Ranking)
		}
		if !decided {
			continue
		}
		for _, rd := range rules.Readings {
			if rd.Clause == ro.Ranking.Clause {
				lines[i].RankingReadings = append(lines[i].RankingReadings, rd)
			}
		}
	}
}

// runs counts again each 末位淘汰 run of lines ranked by a schedule of
// several rules: a month is in a run when its own rules made the employee
// last in it. Each set of rules counted the months before its own by its
// reading of them, so across a revision that changed who is last (three
// staff tied at 60 in 2026-08, under rules that count them all last, then
// 2026-09 and 2026-10 under rules with all_tied = "none") a run was
// broken, or made, by rules that were not in force in the month.
func runs(s Schedule, lines []Line) {
	type key struct {
		role, emp string
		month     int
	}
	last := map[key]bool{}
	for _, l := range lines {
		if l.Mark.Last {
			last[key{l.role(), l.Employee, l.Month}] = true
		}
	}
	for i, l := range lines {
		if !l.Mark.Last {
			continue
		}
		run := 1
		for last[key{l.role(), l.Employee, l.Month - run}] {
			run++
		}
		rk := s.For(l.Month).FindRole(l.Input.Role).Ranking // not nil: Last was set by it
		lines[i].Mark.Run, lines[i].Mark.Flag = run, run >= rk.Months
	}
}

// onePerMonth names each row of an employee's month after the first:
// an employee may have one row per month, whatever the role, or would be
// paid twice. byName: the file has no employee column, and names tell
// the employees apart; two namesakes (两个张伟) are then told how to be
// told apart, not to delete one of them.
func onePerMonth(list *diag.List, name string, rows []Row, byName bool) {
	first := map[string]int{} // employee and month → line
	for _, row := range rows {
		k := row.Employee + "\x00" + calculator.FormatMonth(row.Month)
		if l, dup := first[k]; dup && byName {
			list.Errorf(name, row.Line, 1, "a second row named "+row.Employee+" for "+calculator.FormatMonth(row.Month)+" (first on line "+itoa(l)+"): the file has no employee (工号) column, so the name tells the employees apart",
				"if they are two people, add an employee (工号) column with an ID for each; if one, keep one row per month")
		} else if dup {
			list.Errorf(name, row.Line, 1, "employee "+row.Employee+" has a second row for "+calculator.FormatMonth(row.Month)+" (first on line "+itoa(l)+")", "keep one row per employee and month")
		} else {
			first[k] = row.Line
		}
	}
}

// readScores reads a row's score from the first of these that the row
// fills: the scores column, the role's criterion columns, the score
// column. A total given beside criterion scores must be their sum: which
// one was meant cannot be guessed, so a difference is reported at the
// total's cell rather than one of them dropped in silence.
func readScores(row *Row, ro *calculator.Role, rec []string, cols, critCols map[string]int, nums numbers, bad func(col int, msg, hint string)) {
	if ro == nil {
		return
	}
	total, hasTotal := cols["score"]
	totalText := ""
	if hasTotal {
		totalText = strings.TrimSpace(rec[total])
	}
	given := false // criterion scores given, in either form
	if i, ok := cols["scores"]; ok && strings.TrimSpace(rec[i]) != "" {
		s, errs := parseScoreList(ro, rec[i], nums)
		for _, e := range errs {
			bad(i, e.msg, e.hint)
		}
		row.Input.Scores, given = s, true
		if len(errs) > 0 {
			return
		}
	} else if parts, filled, ok := criterionCells(ro, rec, critCols); ok && (filled || !hasTotal) {
		s, errs := parseScoreParts(ro, parts, nums)
		for _, e := range errs {
			bad(fieldColumn(e.field, cols, critCols, ro), e.msg, e.hint)
		}
		row.Input.Scores, given = s, true
		if len(errs) > 0 {
			return
		}
	}
	if given {
		if totalText == "" {
			return
		}
		t, why, _ := nums.score(totalText)
		var sum int64
		for _, v := range row.Input.Scores {
			sum += v
		}
		if why != "" || t != sum {
			bad(total, "score \""+totalText+"\" is not the sum of the criterion scores ("+calculator.FormatScore(sum)+")", "")
		}
		return
	}
	if !hasTotal {
		bad(0, "no score for role "+ro.ID+": add a score column or its criterion columns", "")
		return
	}
	if totalText == "" {
		hint := "fill it in every row"
		if len(ro.Criteria) > 0 {
			hint += ", or give " + ro.Name + "'s criterion scores: a scores (分项得分) column, or a column for each of " + criteriaOf(ro)
		}
		bad(total, "empty "+columnLabels["score"], hint)
		return
	}
	s, why, hint := nums.score(totalText)
	if why != "" {
		bad(total, "score \""+totalText+"\" "+why, hint)
		return
	}
	row.Input.Score = s
}

// criterionCells returns the role's criterion cells, in the role's order,
// when the file has a column for each (ok), and whether the row fills any
// of them: a row that leaves them all empty may give its total in the
// score column.
func criterionCells(ro *calculator.Role, rec []string, critCols map[string]int) (parts []string, filled, ok bool) {
	for n := range ro.Criteria {
		i, has := critColumn(ro, n, critCols)
		if !has {
			return nil, false, false
		}
		filled = filled || strings.TrimSpace(rec[i]) != ""
		parts = append(parts, rec[i])
	}
	return parts, filled, true
}

// critColumn is the column of the role's nth criterion: the one its name
// heads, else one a short form of the name heads (业绩 for 业绩考评,
// calculator.Role.FindCriterion), the leftmost if several do: a month's
// file keeps the columns it had before the criteria took the text's
// names.
func critColumn(ro *calculator.Role, n int, critCols map[string]int) (int, bool) {
	if n >= len(ro.Criteria) {
		return 0, false
	}
	if i, ok := critCols[ro.Criteria[n].Name]; ok {
		return i, true
	}
	col, found := 0, false
	for h, i := range critCols {
		if ro.FindCriterion(h) == n && (!found || i < col) {
			col, found = i, true
		}
	}
	return col, found
}

// A scoreErr is what is wrong with criterion scores, and the field it
// is in, as calculator.FieldError names it: scores, or scores.N for the
// role's Nth criterion.
type scoreErr struct{ field, msg, hint string }

// parseScoreList reads a scores (分项得分) cell as the page and the
// command line read criterion scores (calculator.ParseScoreList: in the
// role's order, "50;19;19", or as name=score pairs, separated by , ; 、
// or their full-width forms), with the file's messages: the calculator's
// are the page's, in Chinese, and a file's rows were told of its score
// cells in Chinese and of its other cells in English.
func parseScoreList(ro *calculator.Role, cell string, nums numbers) ([]int64, []scoreErr) {
	if len(ro.Criteria) == 0 {
		return nil, []scoreErr{{"scores", ro.Name + " has no criteria to score apart: give its total in the score (得分) column", ""}}
	}
	s := strings.ReplaceAll(cell, "＝", "=")
	// In a file of decimal commas, a cell separating its scores otherwise
	// ("50,5;19;19", quoted) keeps its commas for the decimals.
	comma := ","
	if nums.decimalComma && strings.ContainsAny(s, "，、；;") {
		comma = ";"
	}
	for _, sep := range []string{"，", "、", "；", ";"} {
		s = strings.ReplaceAll(s, sep, comma)
	}
	parts := strings.Split(s, comma)
	if !strings.Contains(s, "=") {
		if len(parts) != len(ro.Criteria) {
			return nil, []scoreErr{{"scores", "scores \"" + strings.TrimSpace(cell) + "\" give " + itoa(len(parts)) + " criterion scores, and " + ro.Name + " has " + itoa(len(ro.Criteria)) +
				": " + criteriaOf(ro) + ", in that order (or name=score pairs)", ""}}
		}
		return parseScoreParts(ro, parts, nums)
	}
	vals := make([]string, len(ro.Criteria))
	given := make([]bool, len(ro.Criteria))
	var errs []scoreErr
	for _, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return nil, []scoreErr{{"scores", "\"" + strings.TrimSpace(p) + "\" in scores \"" + strings.TrimSpace(cell) + "\" is not name=score: write each criterion as " +
				ro.Criteria[0].Name + "=" + calculator.FormatScore(ro.Criteria[0].Max) + ", or every score in the order " + criteriaOf(ro), ""}}
		}
		k = strings.TrimSpace(k)
		idx := ro.FindCriterion(k)
		switch {
		case idx < 0:
			errs = append(errs, scoreErr{"scores", "scores \"" + strings.TrimSpace(cell) + "\" name a criterion \"" + k + "\" that " + ro.Name + " has not: its criteria are " + criteriaOf(ro), ""})
		case given[idx]:
			errs = append(errs, scoreErr{"scores." + itoa(idx), k + " is given twice in scores \"" + strings.TrimSpace(cell) + "\"", ""})
		default:
			vals[idx], given[idx] = v, true
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for i, c := range ro.Criteria {
		if !given[i] {
			errs = append(errs, scoreErr{"scores." + itoa(i), "scores \"" + strings.TrimSpace(cell) + "\" have no " + c.Name + " score: give every criterion, " + criteriaOf(ro), ""})
		}
	}
	out, more := parseScoreParts(ro, vals, nums)
	for _, e := range more {
		if !slices.ContainsFunc(errs, func(f scoreErr) bool { return f.field == e.field }) {
			errs = append(errs, e)
		}
	}
	return out, errs
}

// parseScoreParts reads the role's criterion scores, one text each in
// the role's order. On errors the readable scores are still returned
// (the others zero), for the engine's check of their maxima.
func parseScoreParts(ro *calculator.Role, parts []string, nums numbers) ([]int64, []scoreErr) {
	out := make([]int64, len(parts))
	var errs []scoreErr
	for i, p := range parts {
		name, field := ro.Criteria[i].Name, "scores."+itoa(i)
		p = strings.TrimSpace(p)
		if p == "" {
			errs = append(errs, scoreErr{field, "empty " + name + " score", ""})
			continue
		}
		v, why, hint := nums.score(p)
		if why != "" {
			errs = append(errs, scoreErr{field, name + " score \"" + p + "\" " + why, hint})
			continue
		}
		out[i] = v
	}
	return out, errs
}

// criteriaOf lists a role's criteria with their maxima, in the role's
// order: 业绩 (60), 能力 (20), 态度 (20).
func criteriaOf(ro *calculator.Role) string {
	var s []string
	for _, c := range ro.Criteria {
		s = append(s, c.Name+" ("+calculator.FormatScore(c.Max)+")")
	}
	return strings.Join(s, ", ")
}

// rangeMsg is the file's message for a value the engine refused
// (calculator.Compute: a score or base out of range), in English as the
// file's other messages are; the engine's are the page's, in Chinese.
// cell is the row's cell of a column.
func rangeMsg(e *calculator.FieldError, row *Row, ro *calculator.Role, cell func(key string) string) string {
	in := row.Input
	switch {
	case e.Field == "score" && in.Score < 0:
		return "score \"" + cell("score") + "\" is negative: a score is from 0 to 100"
	case e.Field == "score" && in.Score > calculator.MaxScore:
		return "score \"" + cell("score") + "\" is above 100: a score is from 0 to 100"
	case e.Field == "score":
		return "the rules have no tier for score " + calculator.FormatScore(in.Score)
	case e.Field == "base" && in.BaseFen < 0:
		return "base \"" + cell("base") + "\" is negative"
	case e.Field == "base":
		return "base \"" + cell("base") + "\" is above the largest amount computed, " + calculator.FormatFen(calculator.MaxBaseFen) + " yuan"
	case e.Field == "scores" && ro != nil:
		return itoa(len(in.Scores)) + " criterion scores given, and " + ro.Name + " has " + itoa(len(ro.Criteria)) + ": " + criteriaOf(ro)
	}
	if i, err := strconv.Atoi(strings.TrimPrefix(e.Field, "scores.")); err == nil && ro != nil && i < len(ro.Criteria) && i < len(in.Scores) {
		c, v := ro.Criteria[i], in.Scores[i]
		if v < 0 {
			return c.Name + " score " + calculator.FormatScore(v) + " is negative: it is from 0 to " + calculator.FormatScore(c.Max)
		}
		return c.Name + " score " + calculator.FormatScore(v) + " is above its maximum, " + calculator.FormatScore(c.Max)
	}
	return e.Msg
}

// textCell reads a cell (every cell of a row) that a spreadsheet is told
// to keep as text, as WriteCSV writes one: an ID such as 00123 as ="00123" (see keepText), a
// cell starting with =, +, - or @ with an apostrophe in front ('-7; see
// inert). It is the text as given: so the output of -o is read again as
// input with its IDs and names as they were, and last month's '-7 is this
// month's -7, one person for the 末位淘汰 ranking (they were two). An
// apostrophe before anything else is not the writer's, and is kept.
func textCell(s string) string {
	if len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) {
		return strings.ReplaceAll(s[2:len(s)-1], `""`, `"`)
	}
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// parseMonth reads a month as calculator.ParseMonth does (2026-03), and
// as a spreadsheet saves one: Excel turns a typed 2026-03 into a date and
// writes it back as 2026/3/1, or 2026年3月 in a Chinese locale; also
// 2026/03, 2026.3 and 2026-3. A date stands for its month. Digits and
// separators typed full-width (２０２６年３月, 2026／3) and spaces inside
// (2026 年 3 月), as a Chinese input method types them, read as their
// plain forms: the score and base cells beside them already do. So does
// 2026年3月份, as a payroll sheet says it.
//
// A date stands for its month only when it is a day of it: 2026-02-30
// and 2026/2/31 were read as February, a typo (or a date shifted by a
// formula) paid as a month in silence. Such a date is not a month, and
// dayProblem says why.
func parseMonth(s string) (int, bool) {
	m, day, ok := readMonth(s)
	if ok && day >= 0 && (day == 0 || day > daysIn(m)) {
		return 0, false
	}
	return m, ok
}

// daysIn is the number of days of month (calculator.ParseMonth).
func daysIn(month int) int {
	return time.Date(month/12, time.Month(month%12+2), 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayProblem says what is wrong with a date that parseMonth refused for
// its day (2026-02-30: 2026-02 has 28 days), or "".
func dayProblem(s string) string {
	m, day, ok := readMonth(s)
	switch {
	case !ok || day < 0:
		return ""
	case day == 0 || day > daysIn(m):
		return "has no day " + itoa(day) + ": " + calculator.FormatMonth(m) + " has " + itoa(daysIn(m)) + " days"
	}
	return ""
}

// readMonth is parseMonth without the check of the day, which it returns
// (-1 when s is a month alone); a day outside 1–99 is not read.
func readMonth(s string) (month, day int, ok bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, foldWidth(s))
	if m, ok := calculator.ParseMonth(s); ok {
		return m, -1, true
	}
	if t, ok := strings.CutSuffix(s, "日"); ok {
		s = t
	} else {
		s = strings.TrimSuffix(s, "份") // 2026年3月份
	}
	for _, sep := range []string{"年", "月", "/", "."} {
		s = strings.ReplaceAll(s, sep, "-")
	}
	parts := strings.Split(strings.TrimSuffix(s, "-"), "-")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, 0, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 2 && i > 0 || strings.Trim(p, "0123456789") != "" {
			return 0, 0, false
		}
	}
	if len(parts[1]) == 1 {
		parts[1] = "0" + parts[1]
	}
	day = -1
	if len(parts) == 3 {
		day, _ = strconv.Atoi(parts[2])
	}
	month, ok = calculator.ParseMonth(parts[0] + "-" + parts[1])
	return month, day, ok
}

// monthNumber is a month number as written, read (00 → 0).
func monthNumber(s string) string {
	n, _ := strconv.Atoi(s)
	return strconv.Itoa(n)
}

// reMonthNumber finds a year and a month number out of range (13, 00)
// in a month parseMonth did not read.
var reMonthNumber = regexp.MustCompile(`^\s*\d{4}\s*[-/.年]\s*(0?0|1[3-9]|[2-9]\d)\s*(?:月份?)?\s*$`)

// splitAmount reports whether two fields look like the parts of one
// amount split at its thousands separator (3 and 000 of an unquoted 3,000;
// ¥1 and 234.50 of ¥1,234.50).
func splitAmount(before, after string) bool {
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	before = strings.TrimLeft(strings.TrimSpace(before), "¥￥")
	whole, frac, hasFrac := strings.Cut(strings.TrimSpace(after), ".")
	return digits(before) && len(before) <= 3 && len(whole) == 3 && digits(whole) && (!hasFrac || digits(frac))
}

// separator is the character between a file's columns, read from its
// header row: a comma, or where the header has none, a tab (rows copied
// out of a spreadsheet and saved as text, Excel's "文本文件(制表符分隔)")
// or a semicolon (the CSV of a spreadsheet set to a locale that writes
// decimal commas).
func separator(data []byte) rune {
	// The first line with any of them: a title above the header may have
	// none.
	for rest := data; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		for _, c := range []byte{',', '\t', ';'} {
			if bytes.IndexByte(line, c) >= 0 {
				return rune(c)
			}
		}
	}
	return ','
}

// invalidUTF8 returns the offset of the first byte of data that is not
// UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// totalRow reports whether a record is a sheet's 合计 row (合计, 总计 or
// 小计 in a cell, and no employee but that word): it pays no one, and the
// output has its own total. Excel's usual layout puts 合计 in the first
// column, which is the employee's: such a row was read as an employee
// without a role or month, and the whole month refused.
//
// It returns the column of the word, or -1 when rec is no total row.
func totalRow(rec []string, employee int) int {
	if employee < len(rec) && strings.TrimSpace(rec[employee]) != "" {
		if totalWord(rec[employee]) {
			return employee
		}
		return -1
	}
	for i, c := range rec {
		if totalWord(c) {
			return i
		}
	}
	return -1
}

// anyRole reports whether s names a role of any of the sets of rules.
func anyRole(sets []*calculator.Rules, s string) bool {
	for _, r := range sets {
		if strings.TrimSpace(s) != "" && r.FindRole(s) != nil {
			return true
		}
	}
	return false
}

// totalsSkipped says that the total rows of the lines' file, below the
// employees' rows, were skipped, or is "": a 合计 row pays no one, and the
// table totals each month itself. It was skipped in silence, wherever it
// stood.
func totalsSkipped(lines []Line) string {
	if len(lines) == 0 || lines[0].layout == nil || len(lines[0].layout.totals) == 0 {
		return ""
	}
	ls := lines[0].layout.totals
	if len(ls) == 1 {
		return ls[0] + " is the sheet's total row, below the employees' rows: it is skipped, not computed — the table and -json total each month themselves"
	}
	return strings.Join(ls[:len(ls)-1], ", ") + " and " + ls[len(ls)-1] + " are the sheet's total rows, below the employees' rows: they are skipped, not computed — the table and -json total each month themselves"
}

// titlesSkipped says that the title rows above the lines' file's header
// row were skipped, or is "": the README promised a note, and only the
// 合计 row had one.
func titlesSkipped(lines []Line) string {
	if len(lines) == 0 || lines[0].layout == nil || len(lines[0].layout.titles) == 0 {
		return ""
	}
	ls := lines[0].layout.titles
	if len(ls) == 1 {
		return ls[0] + " is the sheet's title, above the header row: it is skipped"
	}
	return strings.Join(ls[:len(ls)-1], ", ") + " and " + ls[len(ls)-1] + " are the sheet's title rows, above the header row: they are skipped"
}

// totalWord reports whether a cell says 合计 (or 总计, 小计, 合计金额),
// spaced to line up or followed by a colon as sheets write it.
func totalWord(c string) bool {
	switch strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ':' || r == '：' {
			return -1
		}
		return r
	}, c) {
	case "合计", "总计", "小计", "合计金额":
		return true
	}
	return false
}

// filled counts a record's cells that are not empty.
func filled(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// blank reports whether every cell of a record is empty.
func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func fieldColumn(field string, cols, critCols map[string]int, ro *calculator.Role) int {
	if strings.HasPrefix(field, "scores.") {
		n := 0
		for _, c := range field[len("scores."):] {
			n = n*10 + int(c-'0')
		}
		if i, ok := critColumn(ro, n, critCols); ok {
			return i
		}
		field = "scores"
	}
	if i, ok := cols[field]; ok {
		return i
	}
	if field == "scores" {
		if i, ok := cols["score"]; ok {
			return i
		}
	}
	return 0
}

// exampleHeader is a header row, in either language.
const exampleHeader = "employee,name,role,month,score,base,dept (工号,姓名,岗位,月份,得分,绩效工资,部门业绩)"

// columnList names the columns an input may have, for a message.
func columnList(r *calculator.Rules) string {
	return "employee (工号), name (姓名), role (岗位), month (月份), score (得分) or scores (分项得分) or one column per criterion (" + criterionNames(r) + "), base (绩效工资), dept (部门业绩)"
}

// anyColumn reports whether a header row names any column.
func anyColumn(sets []*calculator.Rules, header []string) bool {
	for _, cell := range header {
		h := headerName(cell)
		lh := strings.ToLower(h)
		if _, ok := columnNames[lh]; ok || skippedColumn(lh) || isCriterion(sets, h) {
			return true
		}
	}
	return false
}

// skippedColumn reports whether a header name (lower case) is a column
// the payout reads past: one of its own results (computedColumns) or a
// sheet's row number, remarks or signature (otherColumns).
func skippedColumn(lh string) bool { return computedColumns[lh] || otherColumns[lh] }

// isCriterion reports whether h names a criterion of any role of any of
// the sets of rules, by its name or a short form of it
// (calculator.Role.FindCriterion: 业绩 for 业绩考评).
func isCriterion(sets []*calculator.Rules, h string) bool {
	for _, r := range sets {
		for _, ro := range r.Roles {
			if ro.FindCriterion(h) >= 0 {
				return true
			}
		}
	}
	return false
}

// criterionNames lists every role's criteria, as their columns are named.
func criterionNames(r *calculator.Rules) string {
	var s []string
	for _, ro := range r.Roles {
		for _, c := range ro.Criteria {
			s = append(s, c.Name)
		}
	}
	return strings.Join(s, ", ")
}

func roleChoices(r *calculator.Rules) string {
	var s []string
	for _, ro := range r.Roles {
		s = append(s, ro.ID+" ("+strings.Join(ro.Names(), ", ")+")")
	}
	return strings.Join(s, " or ")
}

// lineIndex is a CSV file's text and where each of its lines starts, to
// turn the csv package's byte columns into character columns.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of each line, line 1 first
}

func runeColumns(src []byte) lineIndex {
	l := lineIndex{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// col converts a 1-based byte column of a 1-based line into a 1-based
// column counted in characters.
func (l lineIndex) col(line, byteCol int) int {
	if line < 1 || line > len(l.starts) || byteCol < 1 {
		return byteCol
	}
	start := l.starts[line-1]
	end := min(start+byteCol-1, len(l.src))
	return utf8.RuneCount(l.src[start:end]) + 1
}

// openingQuote is the byte column (from 1) of the last quote on a line that
// opens a field: at its start, or after a separator. 0 if none.
func (l lineIndex) openingQuote(line int) int {
	if line < 1 || line > len(l.starts) {
		return 0
	}
	start := l.starts[line-1]
	end := len(l.src)
	if line < len(l.starts) {
		end = l.starts[line]
	}
	col := 0
	for i := start; i < end; i++ {
		if l.src[i] == '"' && (i == start || l.src[i-1] == ',' || l.src[i-1] == '\t' || l.src[i-1] == ';') {
			col = i - start + 1
		}
	}
	return col
}

func csvErr(list *diag.List, name string, err error, text lineIndex) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine > 0 && pe.StartLine < pe.Line {
			// A quote that opens a field and is not closed on its line:
			// the field ran on over the next lines (rows that are fine)
			// to where the reader gave up, which is not where to look.
			list.Errorf(name, pe.StartLine, text.col(pe.StartLine, text.openingQuote(pe.StartLine)),
				"CSV: this quote opens a field that is not closed on its line (the reader took the lines after it, to line "+itoa(pe.Line)+", as part of the field)",
				`close the quote, or remove it (a quote inside a quoted field is written "")`)
			return
		}
		list.Errorf(name, pe.Line, text.col(pe.Line, pe.Column), "CSV: "+pe.Err.Error(), "check the quotes on this line")
		return
	}
	list.Errorf(name, 0, 0, "CSV: "+err.Error(), "")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Gap is a run of calendar months with no row of a ranked role between two
// months that have some: a 末位淘汰 run counts consecutive calendar months,
// so every run restarts after it, which a month's rows left out of the file
// would do in silence.
type Gap struct {
	Role          string // the role's name, e.g. 销售人员
	After, Before int    // the months with rows on either side (calculator.ParseMonth)
}

// Gaps lists the gaps in the months of each role that has a ranking rule.
func Gaps(rules *calculator.Rules, lines []Line) []Gap {
	var gaps []Gap
	for _, ro := range rules.Roles {
		if ro.Ranking == nil {
			continue
		}
		seen := map[int]bool{}
		for _, l := range lines {
			if l.role() == ro.ID {
				seen[l.Month] = true
			}
		}
		months := make([]int, 0, len(seen))
		for m := range seen {
			months = append(months, m)
		}
		slices.Sort(months)
		for i := 1; i < len(months); i++ {
			if months[i] > months[i-1]+1 {
				gaps = append(gaps, Gap{Role: ro.Name, After: months[i-1], Before: months[i]})
			}
		}
	}
	return gaps
}

// String says what the gap is and what it does.
func (g Gap) String() string {
	missing := calculator.FormatMonth(g.After + 1)
	if g.Before-g.After > 2 {
		missing += " to " + calculator.FormatMonth(g.Before-1)
	}
	return "no " + g.Role + " rows for " + missing + " (between " + calculator.FormatMonth(g.After) + " and " + calculator.FormatMonth(g.Before) +
		"): 末位淘汰 counts consecutive calendar months, so every run restarts after the gap — add those months' rows if they were left out"
}

// Notes are what an admin should know about a file that computed: each
// gap in a ranked role's months (Gaps), and a ranked role whose rows span
// fewer months than its 末位淘汰 rule counts — a file of this month alone
// can flag no one, however often they were last before; an employee's
// month missing (absences); a month everyone ranked tied, and what the
// rules made of it (allTied).
func Notes(rules *calculator.Rules, lines []Line) []string {
	return Schedule{Rules: rules}.Notes(lines)
}

// Notes are Notes of lines computed by s (RunSchedule): a month everyone
// ranked tied is said as the rules of that month read it; the other
// notes are by the rules of the file's last month.
func (s Schedule) Notes(lines []Line) []string {
	if len(lines) == 0 {
		return nil
	}
	last := lines[0].Month
	for _, l := range lines {
		last = max(last, l.Month)
	}
	rules := s.For(last)
	var notes []string
	for _, ro := range rules.Roles {
		if ro.Ranking == nil {
			continue
		}
		first, last, any := 0, 0, false
		for _, l := range lines {
			if l.role() != ro.ID {
				continue
			}
			if !any || l.Month < first {
				first = l.Month
			}
			if !any || l.Month > last {
				last = l.Month
			}
			any = true
		}
		if n := ro.Ranking.Months; any && last-first+1 < n {
			span := calculator.FormatMonth(first)
			if last > first {
				span += " to " + calculator.FormatMonth(last)
			}
			notes = append(notes, "the "+ro.Name+" rows cover "+span+" only: 末位淘汰 needs "+itoa(n)+" months running, so no one can be flagged — add the "+
				itoa(n-1-(last-first))+" month(s) before "+calculator.FormatMonth(first)+" (one row per employee and month) to rank them")
		}
	}
	for _, g := range Gaps(rules, lines) {
		notes = append(notes, g.String())
	}
	notes = append(notes, absences(rules, lines)...)
	notes = append(notes, allTied(s, lines)...)
	if n := titlesSkipped(lines); n != "" {
		notes = append(notes, n)
	}
	if n := totalsSkipped(lines); n != "" {
		notes = append(notes, n)
	}
	notes = append(notes, twoNames(lines)...)
	notes = append(notes, idsAlike(lines)...)
	notes = append(notes, oneNameTwoIDs(lines)...)
	return append(notes, deptsDiffer(lines)...)
}

// allTied names each month of a ranked role in which everyone ranked had
// the same score, and says what the month's rules made of it: a ranking
// without a last place (all_tied = "none", calculator.Ranking.AllTied),
// in which nobody's 末位淘汰 run counts the month, or, by rules without it
// (every revision published before it), everyone last, each one's run
// counting the month. The table's columns alone said neither: under the
// published rules three staff tied at 60 were each a month nearer being
// flagged, in silence.
func allTied(s Schedule, lines []Line) []string {
	type month struct {
		role  string
		month int
	}
	type tally struct {
		name       string // the role's, as 销售人员
		n          int
		score      int64
		same, last bool
	}
	var order []month
	ts := map[month]*tally{}
	for _, l := range lines {
		k := month{l.Input.Role, l.Month} // one month: one set of rules, whose ids FindRole reads below
		t := ts[k]
		if t == nil {
			t = &tally{name: l.Result.RoleName, score: l.Result.Score, same: true}
			ts[k] = t
			order = append(order, k)
		}
		t.n++
		t.same = t.same && l.Result.Score == t.score
		t.last = t.last || l.Mark.Last
	}
	slices.SortStableFunc(order, func(a, b month) int { return a.month - b.month })
	var notes []string
	for _, k := range order {
		t := ts[k]
		ro := s.For(k.month).FindRole(k.role)
		if !t.same || ro == nil || ro.Ranking == nil || t.n < ro.Ranking.MinStaff {
			continue // a month of one person is no ranking at all
		}
		head := calculator.FormatMonth(k.month) + " 参加排名的 " + itoa(t.n) + " 名" + t.name + "得分全部相同（均为 " + calculator.FormatScore(t.score) + " 分）"
		if !t.last {
			notes = append(notes, head+"，排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算")
			continue
		}
		notes = append(notes, head+"：该月所用的规则没有 all_tied = \"none\"（[roles.ranking]），按其读法并列最低分均为倒数第一，"+
			itoa(t.n)+" 人都计为该月倒数第一，末位淘汰的连续月数都计入该月")
	}
	return notes
}

// deptsDiffer name each month whose rows give the department's result
// two ways: it is one fact a month (当月部门业绩目标), so a row typed 超额完成
// among 完成 paid one person a bonus, or docked one, in silence. The rows
// of the less common result are listed, by line.
func deptsDiffer(lines []Line) []string {
	type tally struct {
		order []string          // results, as first met
		names map[string]string // result → name (超额完成)
		lines map[string][]int  // result → lines
	}
	months := map[int]*tally{}
	var order []int
	for _, l := range lines {
		t := months[l.Month]
		if t == nil {
			t = &tally{names: map[string]string{}, lines: map[string][]int{}}
			months[l.Month] = t
			order = append(order, l.Month)
		}
		r := l.Input.Dept
		if _, ok := t.lines[r]; !ok {
			t.order = append(t.order, r)
			t.names[r] = l.Result.DeptName
		}
		t.lines[r] = append(t.lines[r], l.Line)
	}
	slices.Sort(order)
	var notes []string
	for _, m := range order {
		t := months[m]
		if len(t.order) < 2 {
			continue
		}
		// The most common result first, then the others with their lines.
		slices.SortStableFunc(t.order, func(a, b string) int { return len(t.lines[b]) - len(t.lines[a]) })
		parts := []string{itoa(len(t.lines[t.order[0]])) + " rows " + t.names[t.order[0]]}
		for _, r := range t.order[1:] {
			ls := make([]string, len(t.lines[r]))
			for i, n := range t.lines[r] {
				ls[i] = itoa(n)
			}
			parts = append(parts, itoa(len(ls))+" "+t.names[r]+" (line "+strings.Join(ls, ", ")+")")
		}
		notes = append(notes, "the rows of "+calculator.FormatMonth(m)+" give the department's result two ways — "+strings.Join(parts, ", ")+
			": the department's target is met, exceeded or missed once a month, for everyone — check those rows")
	}
	return notes
}

// foldID is an employee ID as the ranking and the output know it: its
// full-width ASCII characters (U+FF01–U+FF5E: Ｓ２, as an input method in
// full-width mode types them) as the ASCII they stand for, and the
// ideographic space as a space, trimmed at either end as spaces are.
func foldID(s string) string { return strings.TrimSpace(foldWidth(s)) }

// foldWidth is s with its full-width ASCII characters (U+FF01–U+FF5E:
// Ｓ２, ２０２６－０３) and ideographic spaces in their ASCII forms.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// idsAlike name the IDs of a file that differ only in width (Ｓ2 and S2,
// read as one: see foldID) or in letter case (s2 and S2, read as two, an
// ID being what the file says it is): either is most often one person's
// ID typed two ways, and the second splits their 末位淘汰 run in silence.
func idsAlike(lines []Line) []string {
	type first struct {
		id   string // as typed
		line int
	}
	typed := map[string]first{} // folded ID → first row's
	byCase := map[string]first{}
	said := map[string]bool{}
	var notes []string
	for _, l := range lines {
		t := l.typed
		if t == "" {
			t = l.Employee
		}
		if f, ok := typed[l.Employee]; !ok {
			typed[l.Employee] = first{t, l.Line}
		} else if f.id != t && !said["w"+l.Employee] {
			said["w"+l.Employee] = true
			notes = append(notes, "employee IDs "+printable(f.id)+" (line "+itoa(f.line)+") and "+printable(t)+" (line "+itoa(l.Line)+") differ only in full-width characters: both are read as "+
				printable(l.Employee)+", one person (one row a month, one 末位淘汰 run) — if they are two people, give each their own ID")
		}
		k := strings.ToLower(l.Employee)
		if f, ok := byCase[k]; !ok {
			byCase[k] = first{l.Employee, l.Line}
		} else if f.id != l.Employee && !said["c"+k+"\x00"+l.Employee] {
			said["c"+k+"\x00"+l.Employee] = true
			notes = append(notes, "employee IDs "+printable(f.id)+" (line "+itoa(f.line)+") and "+printable(l.Employee)+" (line "+itoa(l.Line)+") differ only in letter case: they are read as two people, "+
				"each with their own 末位淘汰 run — if they are one, write the ID one way in every row")
		}
	}
	return notes
}

// oneNameTwoIDs name each name that rows give two IDs or more (张伟 as s1
// and as s7): namesakes, or one person whose ID was typed wrong in a row,
// which splits their 末位淘汰 run (and may pay them twice a month) in
// silence. IDs differing only in letter case are idsAlike's, and an ID
// given two names is twoNames': names swapped between two IDs are said
// once. A file without an employee column, whose names are its IDs, has
// none.
func oneNameTwoIDs(lines []Line) []string {
	type id struct {
		id   string
		line int
	}
	nameOf := map[string]string{}
	twoNamed := map[string]bool{}
	for _, l := range lines {
		n := strings.Join(strings.Fields(l.Name), "")
		if m, ok := nameOf[l.Employee]; ok && m != n {
			twoNamed[l.Employee] = true
		}
		nameOf[l.Employee] = n
	}
	ids := map[string][]id{} // name → its IDs, as first met
	var order []string
	for _, l := range lines {
		n := strings.Join(strings.Fields(l.Name), "")
		if n == "" || l.Name == l.Employee || twoNamed[l.Employee] {
			continue
		}
		if !slices.ContainsFunc(ids[n], func(i id) bool { return strings.EqualFold(i.id, l.Employee) }) {
			if len(ids[n]) == 1 {
				order = append(order, n)
			}
			ids[n] = append(ids[n], id{l.Employee, l.Line})
		}
	}
	var notes []string
	for _, n := range order {
		var list []string
		for _, i := range ids[n] {
			list = append(list, printable(i.id)+" (line "+itoa(i.line)+")")
		}
		ids := strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
		notes = append(notes, "the name "+printable(n)+" is given to "+itoa(len(list))+" IDs, "+ids+
			": if they are namesakes, nothing is wrong; if one person, an ID is typed wrong, which splits their 末位淘汰 run — give each row of theirs one ID")
	}
	return notes
}

// twoNames name each employee ID that rows give two names (E005 张伟 in
// November, E005 李娜 in December): most often an ID typed wrong, which
// merges two people's 末位淘汰 runs, or splits nobody's, in silence.
func twoNames(lines []Line) []string {
	type first struct {
		name string
		line int
	}
	seen := map[string]first{}
	said := map[string]bool{}
	var notes []string
	for _, l := range lines {
		n := strings.Join(strings.Fields(l.Name), "")
		if n == "" || l.Name == l.Employee {
			continue
		}
		f, ok := seen[l.Employee]
		if !ok {
			seen[l.Employee] = first{n, l.Line}
			continue
		}
		if f.name != n && !said[l.Employee] {
			said[l.Employee] = true
			notes = append(notes, "employee "+printable(l.Employee)+" is named "+printable(f.name)+" on line "+itoa(f.line)+" and "+printable(n)+" on line "+itoa(l.Line)+
				": rows of one ID are one person (one row a month, one 末位淘汰 run) — if they are two people, give each their own ID")
		}
	}
	return notes
}

// absences name each employee without a row for a month that their
// role's other rows have, in words a payroll clerk reads ("S2 没有
// 2026-06 的行"): a row left out of a 30-person file leaves the month
// unpaid, in silence, and in a ranked role breaks that employee's 末位淘汰
// run too (the reading counts a month without a ranking as ending it).
// Every role is paid by its rows, so every role gets the note: a
// 大客户内勤 left out got none, as her role has no ranking, and the
// month's total was short by her pay. The months
// before an employee's first row (N1's first months) and after their last
// (S2 absent in the file's last month) are named too, not only those
// between: a row is left out there as easily, and a clerk knows who joined
// or left. A month with a row in another role (a move to 大客户内勤) is no
// row left out; a gap of the whole role is Gaps'.
func absences(rules *calculator.Rules, lines []Line) []string {
	var notes []string
	anyRole := map[string]bool{}
	for _, l := range lines {
		anyRole[l.Employee+"\x00"+calculator.FormatMonth(l.Month)] = true
	}
	// An employee who moved between roles is named once for a month:
	// 孙八, 大客户内勤 for December, was also "missing" from February's
	// 大客户内勤. A ranked role's note says more (the 末位淘汰 run), so
	// ranked roles come first.
	roles := slices.Clone(rules.Roles)
	slices.SortStableFunc(roles, func(a, b calculator.Role) int {
		switch {
		case a.Ranking != nil && b.Ranking == nil:
			return -1
		case a.Ranking == nil && b.Ranking != nil:
			return 1
		}
		return 0
	})
	for _, ro := range roles {
		roleMonths := map[int]bool{}
		var order []string          // employees, as first met
		name := map[string]string{} // employee → name
		for _, l := range lines {
			if l.role() != ro.ID {
				continue
			}
			roleMonths[l.Month] = true
			if _, ok := name[l.Employee]; !ok {
				order = append(order, l.Employee)
			}
			if name[l.Employee] == "" {
				name[l.Employee] = l.Name
			}
		}
		months := slices.Sorted(maps.Keys(roleMonths))
		for _, e := range order {
			var missing []string
			for _, m := range months {
				if k := e + "\x00" + calculator.FormatMonth(m); !anyRole[k] {
					missing = append(missing, calculator.FormatMonth(m))
					anyRole[k] = true
				}
			}
			if len(missing) == 0 {
				continue
			}
			who := printable(e)
			if n := name[e]; n != "" && n != e {
				who += "（" + printable(n) + "）"
			}
			these := "该月"
			if len(missing) > 1 {
				these = "这些月份"
			}
			if !strings.HasSuffix(who, "）") {
				who += " "
			}
			run := ""
			if ro.Ranking != nil {
				run = "，其末位淘汰的连续月数在" + these + "中断"
			}
			notes = append(notes, who+"没有 "+strings.Join(missing, "、")+" 的行（文件中其他"+ro.Name+"有）："+these+"没有计算其绩效工资"+run+
				" — 如是漏填，请补上；如其当时尚未入职或已离职，可不必理会")
		}
	}
	return notes
}

// IsInput reports whether data reads as a month's input file rather than
// a result (WriteCSV's) or any other file: its header row (the first row
// of two cells or more, a title above it aside) names two input columns
// or more and no result column. handbook payout -o refuses to replace such
// a file: an -o naming another month's input (-csv 二月.csv -o 三月.csv)
// replaced it with results, and the month typed by hand was gone.
func IsInput(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for range 5 {
		rec, err := cr.Read()
		if err != nil {
			return false
		}
		if filled(rec) < 2 {
			continue
		}
		known := 0
		for _, cell := range rec {
			lh := strings.ToLower(headerName(cell))
			if computedColumns[lh] {
				return false
			}
			if _, ok := columnNames[lh]; ok {
				known++
			}
		}
		return known >= 2
	}
	return false
}

// FlagsOtherwise says which 末位淘汰 flags of lines (as computed) rules
// would decide otherwise, every row computed by them: who would not be
// flagged, or would be, in which month, and the months whose last place
// they read otherwise ("S1（张三）、S2（李四） would not be flagged in
// 2026-10 (who is last differs in 2026-08)"). "" when they decide every
// flag alike, or cannot compute the rows (a role or a criterion they do
// not have). name is the file's, as Run was given it.
func FlagsOtherwise(name string, rules *calculator.Rules, lines []Line) string {
	return Schedule{Rules: rules}.FlagsOtherwise(name, lines)
}

// FlagsOtherwise is FlagsOtherwise with the rows computed by s, each month
// by its rules: the months a schedule computed by the working copy's
// rules (before the first revision) are compared with the same months by
// the earliest revision's.
func (s Schedule) FlagsOtherwise(name string, lines []Line) string {
	rows := make([]Row, len(lines))
	for i, l := range lines {
		rows[i] = l.Row
	}
	other, err := compute(name, s, rows)
	if err != nil {
		return ""
	}
	type change struct {
		month int
		gain  bool
	}
	var order []change
	who := map[change][]string{}
	lastDiffers := map[int]bool{}
	for i, l := range lines {
		o := other[i].Mark
		if o.Last != l.Mark.Last {
			lastDiffers[l.Month] = true
		}
		if o.Flag == l.Mark.Flag {
			continue
		}
		c := change{l.Month, o.Flag}
		if who[c] == nil {
			order = append(order, c)
		}
		w := printable(l.Employee)
		if n := strings.TrimSpace(l.Name); n != "" && n != l.Employee {
			w += "（" + printable(n) + "）"
		}
		who[c] = append(who[c], w)
	}
	if len(order) == 0 {
		return ""
	}
	slices.SortStableFunc(order, func(a, b change) int { return a.month - b.month })
	var parts []string
	for _, c := range order {
		would := " would not be flagged in "
		if c.gain {
			would = " would be flagged in "
		}
		parts = append(parts, strings.Join(who[c], "、")+would+calculator.FormatMonth(c.month))
	}
	say := strings.Join(parts, "; ")
	if len(lastDiffers) > 0 {
		var ms []string
		for _, m := range slices.Sorted(maps.Keys(lastDiffers)) {
			ms = append(ms, calculator.FormatMonth(m))
		}
		say += " (who is last differs in " + strings.Join(ms, ", ") + ")"
	}
	return say
}
