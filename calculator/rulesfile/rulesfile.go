// Package rulesfile reads the payout rules of chapter 6 from their TOML
// file (content/rules.toml, or a published revision's copy) into
// calculator.Rules, and reports every problem as file:line:col.
//
// BurntSushi/toml gives positions only for syntax errors, so the reader
// scans the source once to learn where each table and key starts
// (see index.go) and maps the engine's problem paths back to it.
package rulesfile

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"handbook/calculator"
	"handbook/generator/diag"
	"handbook/generator/editdist"
)

// file mirrors rules.toml. Numbers that may be written with decimals are
// read as any and converted exactly (no float arithmetic reaches the
// engine).
type file struct {
	Rounding struct {
		Mode    string `toml:"mode"`
		UnitFen int64  `toml:"unit_fen"`
		Text    string `toml:"text"`
	} `toml:"rounding"`
	Roles    []role    `toml:"roles"`
	Readings []reading `toml:"readings"`
}

type role struct {
	ID             string       `toml:"id"`
	Name           string       `toml:"name"`
	CriteriaClause string       `toml:"criteria_clause"`
	Criteria       []criterion  `toml:"criteria"`
	Tiers          []tier       `toml:"tiers"`
	Departments    []department `toml:"departments"`
	Ranking        *ranking     `toml:"ranking"`
}

type criterion struct {
	Name string `toml:"name"`
	Max  any    `toml:"max"`
}

type tier struct {
	Min    any    `toml:"min"`
	Max    any    `toml:"max"`
	Payout string `toml:"payout"`
	Clause string `toml:"clause"`
}

type department struct {
	Result string `toml:"result"`
	Name   string `toml:"name"`
	Adjust string `toml:"adjust"`
	Clause string `toml:"clause"`
}

type ranking struct {
	Months   int    `toml:"months"`
	MinStaff int    `toml:"min_staff"`
	Ties     string `toml:"ties"`
	AllTied  string `toml:"all_tied"` // "" (left out) reads as "all", as rules files before it did
	Clause   string `toml:"clause"`
}

type reading struct {
	ID     string `toml:"id"`
	Clause string `toml:"clause"`
	Text   string `toml:"text"`
}

// Parse reads a rules file. name is the path shown in diagnostics (e.g.
// "content/rules.toml"). Every problem is reported, each with its line and
// column; the error is a diag.List error (diag.FromError recovers it).
func Parse(name string, src []byte) (*calculator.Rules, error) {
	var list diag.List
	var f file
	md, err := toml.Decode(string(src), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := diag.SyntaxAt(src, pe.Position.Start, pe.Position.Len, pe.Position.Line, pe.Position.Col)
			// payout = 100% (no quotes) and payout = "100% (one) were
			// told to fix the syntax, in the parser's words only.
			hint := diag.TOMLHint(src, pe.Position.Start, textKey)
			if hint == "" {
				hint = "fix the syntax (see https://toml.io)"
			}
			list.Add(diag.Diagnostic{File: name, Line: line, Col: col,
				Msg: "TOML syntax error: " + pe.Message, Hint: hint})
		} else if ps := looseTypes(src); len(ps) > 0 {
			// A value of the wrong kind: each one at its own key, with
			// the unknown keys beside them, all at once.
			ix := scan(src)
			for _, p := range ps {
				if p.unknown {
					p.msg, p.hint = unknownKey(plain(p.path))
				}
				list.Add(diag.At(name, src, ix.offset(p.path), p.msg, p.hint))
			}
			list.Sort()
		} else {
			line, col := 0, 0
			if off, ok := lastKeyOffset(src, err); ok {
				line, col = diag.Position(src, off)
			}
			list.Add(diag.Diagnostic{File: name, Line: line, Col: col, Msg: "rules file: " + err.Error(),
				Hint: "check the value's type: numbers unquoted, rates and names quoted"})
		}
		return nil, list.Err()
	}
	ix := scan(src)
	reported := map[string]bool{}
	at := func(path, msg, hint string) {
		reported[path] = true
		list.Add(diag.At(name, src, ix.offset(path), msg, hint))
	}
	// Undecoded names a key once for each table it is in, by its path
	// without indices, and ix.plain places every one of them: ajust in
	// two [[roles.departments]] was each reported twice. Each key is
	// placed once, so each place is said once.
	seenKey := map[string]bool{}
	// odd: the tiers with an unknown key ("roles[0].tiers[2]"). One
	// without min or max has it misspelt (mni = 90), most likely: its
	// range was read as starting at 0, and the tiers' order, gaps and
	// overlaps were said of ranges nobody wrote ("tier 0–94 comes after
	// tier 60–89", before the typo itself). rangeTypo has their roles.
	odd := map[string]bool{}
	rangeTypo := map[string]bool{}
	for _, k := range md.Undecoded() {
		key := k.String()
		if seenKey[key] {
			continue
		}
		seenKey[key] = true
		msg, hint := unknownKey(key)
		for _, off := range ix.plain(key) {
			list.Add(diag.At(name, src, off, msg, hint))
		}
		if table, _, _ := cutLast(key); table == "roles.tiers" {
			for path := range ix.at {
				if plain(path) == key {
					tier, _, _ := cutLast(path)
					odd[tier] = true
				}
			}
		}
	}

	r := &calculator.Rules{}
	mode, ok := calculator.ParseRoundingMode(f.Rounding.Mode)
	if !ok {
		at("rounding.mode", "unknown rounding mode "+strconv.Quote(f.Rounding.Mode), "use half-up, half-even or down")
		// No mode, so none for the text to disagree with: a second error
		// at the text ("says nothing of 四舍五入 but mode = half-up")
		// was about a mode no one wrote.
		mode = calculator.RoundingMode(255)
	}
	r.Rounding = calculator.Rounding{Mode: mode, Unit: f.Rounding.UnitFen, Text: f.Rounding.Text}
	for i, fr := range f.Roles {
		p := "roles[" + strconv.Itoa(i) + "]"
		ro := calculator.Role{ID: fr.ID, Name: fr.Name, CriteriaClause: fr.CriteriaClause}
		for j, c := range fr.Criteria {
			mx, ok := points(c.Max)
			if !ok {
				at(p+".criteria["+strconv.Itoa(j)+"].max", "criterion max must be a number of points with at most two decimals", "e.g. max = 60")
			}
			ro.Criteria = append(ro.Criteria, calculator.Criterion{Name: c.Name, Max: mx})
		}
		for j, t := range fr.Tiers {
			tp := p + ".tiers[" + strconv.Itoa(j) + "]"
			if odd[tp] && (t.Min == nil || t.Max == nil) {
				rangeTypo[p] = true
			}
			lo, ok1 := points(t.Min)
			hi, ok2 := points(t.Max)
			if !ok1 {
				at(tp+".min", "tier min must be a number of points with at most two decimals", "e.g. min = 60")
			}
			if !ok2 {
				at(tp+".max", "tier max must be a number of points with at most two decimals", "e.g. max = 89")
			}
			ct := calculator.Tier{Min: lo, Max: hi, Clause: t.Clause}
			if strings.TrimSpace(t.Payout) == "score" {
				ct.Kind = calculator.ScorePercent
			} else if rate, err := calculator.ParseRate(t.Payout); err == nil && strings.HasSuffix(strings.TrimSpace(t.Payout), "%") {
				ct.Rate = rate
			} else if strings.TrimSpace(t.Payout) == "" {
				// Left out (or misspelt, which is said as an unknown
				// key): it read payout "" is neither a percentage nor
				// "score", of a value nobody wrote.
				at(tp+".payout", "the tier has no payout", `write payout = "105%" or payout = "score"`)
			} else if errors.Is(err, calculator.ErrDecimals) {
				at(tp+".payout", "payout "+strconv.Quote(t.Payout)+" has more than two decimals", `write the rate with two decimals at most, e.g. payout = "105%" or "102.5%"`)
			} else {
				at(tp+".payout", "payout "+strconv.Quote(t.Payout)+" is neither a percentage nor \"score\"", `write payout = "105%" or payout = "score"`)
			}
			ro.Tiers = append(ro.Tiers, ct)
		}
		for j, d := range fr.Departments {
			rate, err := calculator.ParseRate(d.Adjust)
			if strings.TrimSpace(d.Adjust) == "" {
				// Left out (or misspelt, which is said as an unknown
				// key), as a tier's payout: adjust "" is not a
				// percentage was of a value nobody wrote.
				at(p+".departments["+strconv.Itoa(j)+"].adjust", "the department result has no adjust", `write adjust = "+5%", "0%" or "-5%"`)
			} else if errors.Is(err, calculator.ErrDecimals) {
				at(p+".departments["+strconv.Itoa(j)+"].adjust", "adjust "+strconv.Quote(d.Adjust)+" has more than two decimals", `write the rate with two decimals at most, e.g. adjust = "+5%" or "+2.5%"`)
			} else if err != nil || !strings.HasSuffix(strings.TrimSpace(d.Adjust), "%") {
				at(p+".departments["+strconv.Itoa(j)+"].adjust", "adjust "+strconv.Quote(d.Adjust)+" is not a percentage", `write adjust = "+5%", "0%" or "-5%"`)
			}
			ro.Depts = append(ro.Depts, calculator.Adjustment{Result: d.Result, Name: d.Name, Rate: rate, Clause: d.Clause})
		}
		if rk := fr.Ranking; rk != nil {
			cr := &calculator.Ranking{Months: rk.Months, MinStaff: rk.MinStaff, Clause: rk.Clause}
			switch rk.Ties {
			case "all":
			case "none":
				cr.Ties = calculator.TiesNoneLast
			default:
				at(p+".ranking.ties", "unknown tie rule "+strconv.Quote(rk.Ties), `use ties = "all" or ties = "none"`)
			}
			// Left out, as in every revision published before it, a month
			// everyone ties makes everyone last, as it did.
			switch rk.AllTied {
			case "", "all":
			case "none":
				cr.AllTied = calculator.TiesNoneLast
			default:
				at(p+".ranking.all_tied", "unknown rule "+strconv.Quote(rk.AllTied)+" for a month in which everyone ranked has the same score",
					`use all_tied = "none" (the month has no last place) or all_tied = "all" (everyone is last; the same as leaving it out)`)
			}
			ro.Ranking = cr
		}
		r.Roles = append(r.Roles, ro)
	}
	for _, rd := range f.Readings {
		r.Readings = append(r.Readings, calculator.Reading{ID: rd.ID, Clause: rd.Clause, Text: rd.Text})
	}
	checked := r.Check()
	for _, p := range checked {
		if reported[p.Path] {
			continue // already said while converting, e.g. an unreadable payout
		}
		if role, _, ok := strings.Cut(p.Path, ".tiers["); ok && rangeTypo[role] && (strings.HasSuffix(p.Path, ".min") || strings.HasSuffix(p.Path, ".max")) {
			continue // a range with a misspelt end, said as its unknown key
		}
		msg, hint := splitHint(p.Path, p.Msg)
		list.Add(diag.At(name, src, ix.offset(p.Path), msg, hint))
	}
	if list.HasErrors() {
		list.Sort()
		return nil, list.Err()
	}
	return r, nil
}

// unknownKey says an unknown key (as "roles.tiers.payuot") and what to do
// with it: the keys its table has, among which a misspelt one (payout) is
// plain to see, and the one it is a letter or two from (mni: did you mean
// min?), as front matter and site.toml say.
func unknownKey(key string) (msg, hint string) {
	msg = "unknown key " + strconv.Quote(key)
	table, last, _ := cutLast(key)
	keys := keysOf(reflect.TypeFor[file](), table)
	if len(keys) == 0 {
		return msg, "remove it or fix its spelling (known keys are listed in content/rules.toml's comments)"
	}
	where := "the file's top level"
	if table != "" {
		where = "[" + table + "]"
	}
	if near := nearKey(last, keys); near != "" {
		return msg + "; did you mean " + near + "?", "rename " + last + " to " + near + " (the keys of " + where + " are " + strings.Join(keys, ", ") + ")"
	}
	return msg, "remove it or fix its spelling: the keys of " + where + " are " + strings.Join(keys, ", ")
}

// cutLast splits a dotted key into its table and its last name
// ("roles.tiers.mni" → "roles.tiers", "mni"); ok is false at the top level.
func cutLast(key string) (table, last string, ok bool) {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i], key[i+1:], true
	}
	return "", key, false
}

// nearKey is the key of keys that k is a misspelling of: one edit away
// (a letter added, dropped or changed, or two neighbours swapped), two for
// names of six letters or more; "" if none is, or two are.
func nearKey(k string, keys []string) string {
	k = strings.ToLower(k)
	found := ""
	for _, key := range keys {
		limit := 1
		if len(key) >= 6 {
			limit = 2
		}
		if d := editdist.OSA(k, key); d > 0 && d <= limit {
			if found != "" {
				return ""
			}
			found = key
		}
	}
	return found
}

// textKey reports whether a key of a rules file takes a text (payout,
// clause), not a number (min, unit_fen), in any of its tables.
func textKey(key string) bool {
	var walk func(t reflect.Type) (found, text bool)
	walk = func(t reflect.Type) (bool, bool) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return false, false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("toml") == key {
				return true, f.Type.Kind() == reflect.String
			}
			if found, text := walk(f.Type); found {
				return found, text
			}
		}
		return false, false
	}
	found, text := walk(reflect.TypeFor[file]())
	return !found || text
}

// keysOf lists the keys the table at path (as "roles.tiers", "" for the
// top level) of a rules file has, as t (file) reads them; nil for a path
// that is no table of it.
func keysOf(t reflect.Type, path string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if path != "" {
		first, rest, _ := strings.Cut(path, ".")
		for i := range t.NumField() {
			if f := t.Field(i); f.Tag.Get("toml") == first {
				return keysOf(f.Type, rest)
			}
		}
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("toml"); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// looseTypes decodes src into plain maps, which any well-formed TOML
// decodes into, and checks each value's kind against the rules file's
// shape (checkTypes).
func looseTypes(src []byte) []typeProblem {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil
	}
	return checkTypes(m)
}

// points converts a TOML integer or float of points to hundredths.
func points(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		if n < -1e12 || n > 1e12 {
			return 0, false
		}
		return n * calculator.ScoreScale, true
	case float64:
		p, err := calculator.ParseScore(strconv.FormatFloat(n, 'f', -1, 64))
		return p, err == nil
	case nil:
		return 0, true // missing; Check reports what is wrong with zero
	}
	return 0, false
}

// lastKeyOffset finds a key named in a decode error ("toml: line 3 (last
// key "roles.tiers.min"): …") and returns its first offset in src.
func lastKeyOffset(src []byte, err error) (int, bool) {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		rest := msg[i+5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, e := strconv.Atoi(rest[:j]); e == nil && n > 0 {
			off := 0
			for line := 1; line < n && off < len(src); off++ {
				if src[off] == '\n' {
					line++
				}
			}
			return off, true
		}
	}
	return 0, false
}

// splitHint separates the advice a rules check wrote after "; " into the
// diagnostic's hint, and gives every problem something to do.
func splitHint(path, msg string) (string, string) {
	if m, h, ok := strings.Cut(msg, "; "); ok {
		return m, h
	}
	switch {
	case strings.Contains(path, ".tiers"):
		if strings.HasSuffix(path, ".payout") {
			return msg, `write a rate from 0% to 200% (e.g. payout = "105%"), or payout = "score" for 按分数比例`
		}
		return msg, "make the tiers cover 0–100 with no gap or overlap: each tier's min is the previous tier's max + 1 (e.g. 60–89, 90–94, 95–100)"
	case strings.HasSuffix(path, ".adjust"):
		return msg, `write the adjustment as a percentage of the computed pay, e.g. adjust = "+5%", "0%" or "-5%"`
	case strings.HasSuffix(path, ".departments"):
		return msg, "give every role a [[roles.departments]] for each of exceeded, met and missed"
	case strings.HasSuffix(path, ".result"):
		return msg, `use result = "exceeded", "met" or "missed"`
	}
	return msg, "see the comments at the top of content/rules.toml for what each setting means"
}
