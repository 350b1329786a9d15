package content

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"handbook/generator/diag"
)

// siteSettings are the settings of site.toml by name, in lower case (the
// decoder reads a setting whatever its case, as it fills Site's fields),
// each as written in the README, whether it is true or false (else a
// text), and an example of its value.
var siteSettings = map[string]struct {
	name    string
	boolean bool
	example string
}{
	"title":        {"title", false, "员工手册"},
	"organisation": {"organisation", false, "某集团公司"},
	"description":  {"description", false, "某集团公司大客户销售管理制度"},
	"language":     {"language", false, "zh-CN"},
	"baseurl":      {"baseURL", false, "https://handbook.example.com/"},
	"basepath":     {"basePath", false, "/handbook/"},
	"trusthtml":    {"trustHTML", true, ""},
	"timezone":     {"timeZone", false, "Asia/Shanghai"},
}

// checkSettings says of each setting in raw (site.toml as TOML read it)
// whose value is not of the setting's type, or which is given twice in
// two letter cases, what to write, at its value. It reports whether it
// found any: the decoder would stop at the first, in its own words
// ("incompatible types: TOML value has type int64; destination has type
// string"), without a column.
func checkSettings(file string, src []byte, raw map[string]any, errs *diag.List) bool {
	type at struct{ line, col int }
	pos := map[string]at{}
	for k := range raw {
		l, c := settingAt(src, k)
		pos[k] = at{l, c}
	}
	keys := slices.SortedFunc(maps.Keys(raw), func(a, b string) int {
		return cmp.Or(cmp.Compare(pos[a].line, pos[b].line), strings.Compare(a, b))
	})
	bad := false
	seen := map[string]string{} // setting → its key as written
	for _, k := range keys {
		set, known := siteSettings[strings.ToLower(k)]
		if !known {
			continue // an unknown setting: warned of after decoding
		}
		p := pos[k]
		if first, ok := seen[set.name]; ok {
			errs.Errorf(file, p.line, 1, fmt.Sprintf("setting %s is set twice, on lines %d (as %s) and %d", k, pos[first].line, first, p.line),
				"keep the one you mean and delete the other")
			bad = true
			continue
		}
		seen[set.name] = k
		v := raw[k]
		if set.boolean {
			if _, ok := v.(bool); ok {
				continue
			}
			hint := "write " + k + " = true or " + k + " = false, without quotes"
			if b, ok := yesOrNo(v); ok {
				hint = "write " + k + " = " + strconv.FormatBool(b)
				if _, text := v.(string); text {
					hint += ", without quotes"
				}
			}
			errs.Errorf(file, p.line, p.col, k+" must be true or false, not "+describeSetting(v), hint)
			bad = true
			continue
		}
		if text, ok := v.(string); ok {
			if set.name == "timeZone" && !isZone(text) {
				// Said here, of the key as written: the decoder reads
				// timezone as timeZone, and the message named timeZone,
				// on no line, where the file said timezone.
				msg := k + " " + strconv.Quote(text) + " is not a time zone"
				if k != set.name {
					msg += " (the setting is spelt " + set.name + "; " + k + " is read as it)"
				}
				errs.Errorf(file, p.line, p.col, msg,
					`write a zone of the tz database, e.g. timeZone = "Asia/Shanghai", or remove the line to use the machine's`)
				bad = true
			}
			continue
		}
		hint := "write it in quotes, e.g. " + k + " = " + strconv.Quote(set.example)
		switch v := v.(type) {
		case []any:
			if s, ok := oneText(v); ok && (set.name == "title" || set.name == "organisation" || set.name == "description") {
				hint = "write one text in quotes: " + k + " = " + strconv.Quote(s)
			}
		case map[string]any, []map[string]any:
		default:
			if set.name == "title" || set.name == "organisation" || set.name == "description" {
				hint = "put it in quotes: " + k + " = " + strconv.Quote(valueText(src, p.line, p.col, v))
			}
		}
		errs.Errorf(file, p.line, p.col, k+" must be a text in quotes, not "+describeSetting(v), hint)
		bad = true
	}
	return bad
}

// isZone reports whether a timeZone setting names a zone of the tz
// database ("" is none: the machine's). Local is the machine's zone to Go
// alone.
func isZone(name string) bool {
	if name == "" {
		return true
	}
	_, err := time.LoadLocation(name)
	return err == nil && name != "Local"
}

// rawSetting is the setting name (as siteSettings has it) in raw, with its
// key as written, whatever its case.
func rawSetting(raw map[string]any, name string) (string, any, bool) {
	for k, v := range raw {
		if strings.EqualFold(k, name) {
			return k, v, true
		}
	}
	return "", nil, false
}

// settingAt is the line of key in a TOML file (key = …, "key" = …, or a
// table [key]) and the column of its value (1 for a table), 0, 0 when it
// is not found.
func settingAt(src []byte, key string) (int, int) {
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimRight(l, " \t\r")
		t := strings.TrimLeft(l, " \t")
		if t == "["+key+"]" || strings.HasPrefix(t, "["+key+"]") && strings.HasPrefix(strings.TrimSpace(t[len(key)+2:]), "#") {
			return i + 1, 1
		}
		for _, k := range []string{key, strconv.Quote(key), "'" + key + "'"} {
			rest, ok := strings.CutPrefix(t, k)
			if !ok {
				continue
			}
			if rest = strings.TrimLeft(rest, " \t"); strings.HasPrefix(rest, "=") {
				val := strings.TrimLeft(rest[1:], " \t") // a suffix of l
				return i + 1, utf8.RuneCountInString(l[:len(l)-len(val)]) + 1
			}
		}
	}
	return 0, 0
}

// describeSetting names a TOML value in plain words, for messages.
func describeSetting(v any) string {
	switch v := v.(type) {
	case string:
		return "the text " + strconvQuote(v)
	case int64, float64:
		return fmt.Sprint("the number ", v)
	case bool:
		return strconv.FormatBool(v) + " (a yes-or-no value)"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	}
	return "a value of another kind"
}

// yesOrNo reads a value meant as true or false: "no", "是", 1.
func yesOrNo(v any) (bool, bool) {
	switch v := v.(type) {
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "y", "on", "1", "是", "开", "开启", "真":
			return true, true
		case "false", "no", "n", "off", "0", "否", "关", "关闭", "假":
			return false, true
		}
	case int64:
		if v == 0 || v == 1 {
			return v == 1, true
		}
	}
	return false, false
}

// oneText is the text of a list holding one text.
func oneText(v []any) (string, bool) {
	if len(v) != 1 {
		return "", false
	}
	s, ok := v[0].(string)
	return s, ok
}

// valueText is a scalar value as the file writes it at line and col (2026,
// true, 1.5), without a comment after it; else as Go prints it.
func valueText(src []byte, line, col int, v any) string {
	lines := strings.Split(string(src), "\n")
	if line >= 1 && line <= len(lines) {
		r := []rune(strings.TrimRight(lines[line-1], "\r"))
		if col >= 1 && col <= len(r) {
			val := string(r[col-1:])
			if i := strings.Index(val, "#"); i >= 0 {
				val = val[:i]
			}
			if val = strings.TrimSpace(val); val != "" {
				return val
			}
		}
	}
	return fmt.Sprint(v)
}
