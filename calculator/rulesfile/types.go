package rulesfile

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// typeProblem is a value of the wrong kind (text where a number goes, a
// number where a table goes) or a key the rules do not have, found by
// checkTypes.
type typeProblem struct {
	path      string // roles[0].tiers[3].payout
	unknown   bool
	msg, hint string
}

// checkTypes walks a rules file decoded loosely (toml.Decode into a map,
// which reads any well-formed TOML) against the shape of file, and returns
// every value of the wrong kind and every unknown key, each with its path
// for the index. BurntSushi stops at the first mismatch and names the line
// of the last key it read, which is not the mismatched one (payout = 105
// in the sales role's tiers was reported on the assistant role's last
// payout line): this names each one where it is.
func checkTypes(v map[string]any) []typeProblem {
	var ps []typeProblem
	walkTable(v, reflect.TypeFor[file](), "", &ps)
	return ps
}

func walkTable(m map[string]any, t reflect.Type, path string, ps *[]typeProblem) {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("toml"), ","); name != "" {
			fields[name] = f.Type
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := join(path, k)
		ft, ok := fields[k]
		if !ok {
			*ps = append(*ps, typeProblem{path: p, unknown: true})
			continue
		}
		walkValue(m[k], ft, p, k, ps)
	}
}

func walkValue(v any, t reflect.Type, path, key string, ps *[]typeProblem) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(want, hint string) {
		*ps = append(*ps, typeProblem{path: path, msg: key + " is " + kindOf(v) + ", but must be " + want, hint: hint})
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			bad("a table", "write it as a ["+plain(path)+"] section with its keys below it")
			return
		}
		walkTable(m, t, path, ps)
	case reflect.Slice:
		list, ok := v.([]map[string]any)
		if inline, isList := v.([]any); isList { // roles = [{ id = "sales", … }]
			ok = true
			for _, e := range inline {
				m, isTable := e.(map[string]any)
				list, ok = append(list, m), ok && isTable
			}
		}
		if !ok {
			bad("a list of tables", "write each one as a [["+plain(path)+"]] section with its keys below it")
			return
		}
		for i, m := range list {
			walkTable(m, t.Elem(), path+"["+strconv.Itoa(i)+"]", ps)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			bad("text in double quotes", "quote it, e.g. "+key+" = "+example(key, `"…"`))
		}
	case reflect.Int, reflect.Int64:
		if _, ok := v.(int64); !ok {
			bad("a whole number", "write it without quotes or decimals, e.g. "+key+" = "+example(key, "1"))
		}
	case reflect.Interface: // points: a whole number or one with decimals
		switch v.(type) {
		case int64, float64:
		default:
			bad("a number", "write it without quotes, e.g. "+key+" = "+example(key, "60"))
		}
	}
}

// examples are values of content/rules.toml, to show a key's form.
var examples = map[string]string{
	"mode": `"half-up"`, "unit_fen": "1", "text": `"每一步金额各自四舍五入保留到分"`,
	"id": `"sales"`, "name": `"销售人员"`, "criteria_clause": `"销售人员考核指标"`, "clause": `"销售人员奖惩办法.1"`,
	"max": "60", "min": "60", "payout": `"105%" (or "score")`, "result": `"exceeded"`, "adjust": `"+5%"`,
	"months": "3", "min_staff": "2", "ties": `"all"`, "all_tied": `"none"`,
}

func example(key, deflt string) string {
	if e, ok := examples[key]; ok {
		return e
	}
	return deflt
}

// kindOf says what a decoded TOML value is, as the rules file's editor
// wrote it.
func kindOf(v any) string {
	switch v := v.(type) {
	case string:
		return "text (" + strconv.Quote(v) + ")"
	case int64:
		return "a whole number (" + strconv.FormatInt(v, 10) + ")"
	case float64:
		return "a number with decimals (" + strconv.FormatFloat(v, 'g', -1, 64) + ")"
	case bool:
		return "true or false"
	case time.Time:
		return "a date or time"
	case []map[string]any:
		return "a list of tables"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a value of another kind"
}
