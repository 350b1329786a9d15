package batch

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"handbook/calculator"
)

// layout is what each column of an input file is, as Read found it: the
// CSV output writes the input's columns again, in their order, then the
// results (see WriteCSV).
type layout struct {
	names []string // the header's cells
	// keys are the columns the payout reads (employee, name, role, month,
	// score, scores, base, dept: see columnNames), written as read under
	// those names; "" for a column it reads past (序号, 备注, a criterion's
	// score), written as given; dropped for a result column of an earlier
	// output, computed afresh.
	keys []string
	// totals are the file's total rows below the employees' rows, as
	// "line 9 (合计)", skipped (see totalsSkipped).
	totals []string
	// titles are the file's title rows above its header row, as
	// "line 1 (2026年3月绩效工资表)", skipped (see titlesSkipped).
	titles []string
}

// dropped is the layout key of an earlier output's result column.
const dropped = "-"

// standard is the layout of rows not read from a file.
var standard = &layout{
	names: []string{"employee", "name", "role", "month", "score", "base", "dept"},
	keys:  []string{"employee", "name", "role", "month", "score", "base", "dept"},
}

// resultHeader are the output's columns after the input's (see
// computedColumns, which reads them past when the output is read again).
var resultHeader = []string{"tier", "rate", "pay", "adjust", "total", "last_place_months", "elimination"}

// header is the CSV output's header row for lines read through lay: every
// input column in its order, then the total score when the input gives
// criterion scores alone, then the results.
func (lay *layout) header() []string {
	var h []string
	for i, k := range lay.keys {
		switch k {
		case dropped:
		case "":
			h = append(h, lay.names[i])
		default:
			h = append(h, k)
		}
	}
	if !slices.Contains(lay.keys, "score") {
		h = append(h, "score")
	}
	return append(h, resultHeader...)
}

// outRecord is a line as the CSV output writes it, under lay.header(): the
// columns the payout reads as it read them, text a spreadsheet would run
// written inert (see inert), IDs it would change kept as text (keepText),
// the other columns as given, then the results.
func outRecord(lay *layout, l Line) []string {
	var rec []string
	for i, k := range lay.keys {
		var c string
		switch k {
		case dropped:
			continue
		case "employee":
			c = keepText(inert(l.Employee))
		case "name":
			c = keepText(inert(l.Name))
		case "role":
			c = inert(l.Result.RoleName)
		case "month":
			c = calculator.FormatMonth(l.Month)
		case "score":
			c = calculator.FormatScore(l.Result.Score)
		case "base":
			c = calculator.FormatFen(l.Input.BaseFen)
		case "dept":
			c = inert(l.Result.DeptName)
		default: // scores, and the columns the payout reads past
			if i < len(l.cells) {
				c = l.cells[i]
			}
			if !plainNumber(c) {
				c = inert(c)
			}
		}
		rec = append(rec, c)
	}
	if !slices.Contains(lay.keys, "score") {
		rec = append(rec, calculator.FormatScore(l.Result.Score))
	}
	run, elim := marks(l)
	return append(rec, l.Result.TierLabel, calculator.FormatRate(l.Result.Rate), calculator.FormatFen(l.Result.PayFen),
		calculator.FormatFen(l.Result.AdjustFen), calculator.FormatFen(l.Result.TotalFen), run, elim)
}

// marks are a line's 末位淘汰 cells: the months running it was last, and
// the flag.
func marks(l Line) (run, elim string) {
	if l.Mark.Last {
		run = strconv.Itoa(l.Mark.Run)
	}
	if l.Mark.Flag {
		elim = "末位淘汰"
	}
	return run, elim
}

// plainNumber reports whether s is a decimal number (19, -5, 19.5), which
// a spreadsheet reads as the number it is, never as a formula.
func plainNumber(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return whole != "" && strings.Trim(whole, "0123456789") == "" && strings.Trim(frac, "0123456789") == ""
}

// record is a line as the table shows it.
func record(l Line) []string {
	run, elim := marks(l)
	return []string{
		l.Employee, l.Name, l.Result.RoleName, calculator.FormatMonth(l.Month),
		calculator.FormatScore(l.Result.Score), calculator.FormatFen(l.Input.BaseFen), l.Result.TierLabel, calculator.FormatRate(l.Result.Rate),
		calculator.FormatFen(l.Result.PayFen), l.Result.DeptName, calculator.FormatFen(l.Result.AdjustFen),
		calculator.FormatFen(l.Result.TotalFen), run, elim,
	}
}

// inert keeps a text cell from being run as a formula by the spreadsheet
// that opens the output (CSV injection): Excel, WPS and LibreOffice read a
// cell starting with =, +, - or @ (or a tab or carriage return before
// one) as a formula, so a name typed "=HYPERLINK(…)" or "@SUM(…)" in the
// month's file would run on the payroll clerk's machine. Such a cell is
// written with an apostrophe in front, as OWASP advises: the spreadsheet
// shows the text as given, marked as text, and runs nothing. Quoting the
// field does not help (a quoted "=1+1" is still a formula). Numbers are
// left alone: a negative amount (-132.00) is a number, not a formula, and
// is only ever written by FormatFen.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// keepText writes an ID or a name that a spreadsheet would read as a
// number and change as the formula ="…": Excel, WPS and (with formulas
// evaluated on import) LibreOffice show its value, the text as given.
// Without it, Excel showed employee 00123 as 123 and an 18-digit ID
// (a 身份证号, as a payroll sheet keys its staff) as 1.23457E+17, its last
// digits lost, and a file saved back from Excel no longer matched the
// month's other files by employee. Only digits with a leading zero, or
// 12 or more (Excel's General format shows 11 at most in full), are
// numbers Excel would change; textCell reads the form back. The formula
// is ours and holds digits alone, so it runs nothing (see inert).
func keepText(s string) string {
	if len(s) > 1 && strings.Trim(s, "0123456789") == "" && (s[0] == '0' || len(s) >= 12) {
		return `="` + s + `"`
	}
	return s
}

// WriteCSV writes the results as CSV with a header row, in UTF-8 after a
// byte order mark: without one, Excel reads the file in the system's
// code page and shows every Chinese name and role garbled. (Read skips
// the mark, so an output file can be read back.) The columns are the
// input file's, in its order (those the payout reads under their English
// names, as it read them: 销售人员, 2026-03, 3000.00), then the results:
// so the output given again as input keeps its remarks and criterion
// scores, and its result columns are computed afresh (see
// computedColumns). It wrote a fixed set of columns and dropped the
// others. Lines not read from a file are written under employee, name,
// role, month, score, base and dept. A text cell that a spreadsheet would
// run as a formula is written inert (see inert).
func WriteCSV(w io.Writer, lines []Line) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	lay := standard
	if len(lines) > 0 && lines[0].layout != nil {
		lay = lines[0].layout
	}
	cw := csv.NewWriter(w)
	cw.Write(lay.header())
	for _, l := range lines {
		cw.Write(outRecord(lay, l))
	}
	cw.Flush()
	return cw.Error()
}

// WriteTable writes the results as an aligned text table for a terminal,
// counting CJK characters as two columns, followed by the total payout.
func WriteTable(w io.Writer, lines []Line) error {
	head := []string{"工号", "姓名", "岗位", "月份", "得分", "基数", "分档", "比例", "绩效工资", "部门业绩", "奖惩", "应发", "连续倒数第一", "末位淘汰"}
	rows := [][]string{head}
	var total int64
	for _, l := range lines {
		rec := record(l)
		for i, c := range rec {
			rec[i] = printable(c)
		}
		rows = append(rows, rec)
		total += l.Result.TotalFen
	}
	width := make([]int, len(head))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], displayWidth(c))
		}
	}
	numeric := map[int]bool{4: true, 5: true, 7: true, 8: true, 10: true, 11: true, 12: true}
	var b strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-displayWidth(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if numeric[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		// No spaces at the end of a line (the last column is most often
		// empty): a table copied into a message kept a ragged tail.
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
	}
	// A file of several months (the ranking needs the two before this
	// one) is paid month by month: each month's total, then the file's.
	// One total alone read as this month's payroll, three months' pay.
	months := MonthTotals(lines)
	if len(months) > 1 {
		for _, m := range months {
			b.WriteString(calculator.FormatMonth(m.Month) + " 合计应发 " + calculator.FormatFen(m.TotalFen) + " 元（" + strconv.Itoa(m.Rows) + " 行）\n")
		}
		b.WriteString("各月合计应发 " + calculator.FormatFen(total) + " 元（" + strconv.Itoa(len(lines)) + " 行，" + strconv.Itoa(len(months)) + " 个月）\n")
	} else {
		b.WriteString("合计应发 " + calculator.FormatFen(total) + " 元（" + strconv.Itoa(len(lines)) + " 行）\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MonthTotal is what the rows of one month pay in all.
type MonthTotal struct {
	Month    int // calculator.ParseMonth
	Rows     int
	TotalFen int64
}

// MonthTotals are the totals of each month of the lines, in calendar order.
func MonthTotals(lines []Line) []MonthTotal {
	var ms []MonthTotal
	at := map[int]int{}
	for _, l := range lines {
		i, ok := at[l.Month]
		if !ok {
			i = len(ms)
			at[l.Month] = i
			ms = append(ms, MonthTotal{Month: l.Month})
		}
		ms[i].Rows++
		ms[i].TotalFen += l.Result.TotalFen
	}
	slices.SortFunc(ms, func(a, b MonthTotal) int { return a.Month - b.Month })
	return ms
}

// printable shows a cell's control characters as Go escapes (\n, \x1b):
// a quoted name holding a line break broke the table's rows, and one
// holding an escape sequence was sent to the terminal to run (it could
// recolour, retitle or clear the admin's terminal).
func printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// displayWidth counts East Asian wide characters (CJK, full-width forms)
// as two terminal columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if (r >= 0x1100 && r <= 0x115f) || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) {
			n++
		}
	}
	return n
}

// WriteJSON writes the results as one JSON object: each row with the line
// it came from, the employee, name and month, its 末位淘汰 mark and the
// engine's result as handbook payout -json prints it (calculator.Result's
// JSON), then each month's total (a file holds the months before this
// one too, for the ranking) and the file's. ranking_readings are the
// readings of the rules that decided the row's 末位淘汰 mark (a tie for
// the month's lowest score, or everyone tied: Line.RankingReadings),
// each with its id; the result's readings are the pay's.
//
//	{"rows":[{"line":2,"employee":"s1","name":"张三","month":"2026-03",
//	  "last_place":false,"last_place_months":0,"elimination":false,"ranking_readings":[],
//	  "result":{"role":"sales",…,"total_fen":277200,"total":"2772.00",…}},…],
//	 "months":[{"month":"2026-03","rows":1,"total_fen":277200,"total":"2772.00"}],
//	 "total_fen":277200,"total":"2772.00"}
func WriteJSON(w io.Writer, lines []Line) error {
	b := []byte(`{"rows":[`)
	var total int64
	for i, l := range lines {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n"...)
		b = append(b, `{"line":`...)
		b = strconv.AppendInt(b, int64(l.Line), 10)
		b = append(b, `,"employee":`...)
		b = calculator.AppendJSONString(b, l.Employee)
		b = append(b, `,"name":`...)
		b = calculator.AppendJSONString(b, l.Name)
		b = append(b, `,"month":`...)
		b = calculator.AppendJSONString(b, calculator.FormatMonth(l.Month))
		b = append(b, `,"last_place":`...)
		b = strconv.AppendBool(b, l.Mark.Last)
		b = append(b, `,"last_place_months":`...)
		b = strconv.AppendInt(b, int64(l.Mark.Run), 10)
		b = append(b, `,"elimination":`...)
		b = strconv.AppendBool(b, l.Mark.Flag)
		b = append(b, `,"ranking_readings":[`...)
		for j, rd := range l.RankingReadings {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = calculator.AppendJSONString(b, rd.ID)
			b = append(b, `,"clause":`...)
			b = calculator.AppendJSONString(b, rd.Clause)
			b = append(b, `,"text":`...)
			b = calculator.AppendJSONString(b, rd.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
		b = append(b, `,"result":`...)
		b = l.Result.AppendJSON(b)
		b = append(b, '}')
		total += l.Result.TotalFen
	}
	b = append(b, "\n],\"months\":["...)
	for i, m := range MonthTotals(lines) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"month":`...)
		b = calculator.AppendJSONString(b, calculator.FormatMonth(m.Month))
		b = append(b, `,"rows":`...)
		b = strconv.AppendInt(b, int64(m.Rows), 10)
		b = append(b, `,"total_fen":`...)
		b = strconv.AppendInt(b, m.TotalFen, 10)
		b = append(b, `,"total":`...)
		b = calculator.AppendJSONString(b, calculator.FormatFen(m.TotalFen))
		b = append(b, '}')
	}
	b = append(b, "],\"total_fen\":"...)
	b = strconv.AppendInt(b, total, 10)
	b = append(b, `,"total":`...)
	b = calculator.AppendJSONString(b, calculator.FormatFen(total))
	b = append(b, "}\n"...)
	_, err := w.Write(b)
	return err
}
