package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's month-file header rows, as written, each compute a month:
// it said only "CSV, one row per employee and month", and a newcomer's
// first file was refused one missing column at a time.
func TestReadmeMonthFileHeaders(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(origWD, "../../../README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```csv\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md shows no month file header (```csv)")
	}
	rows := map[string]string{"employee": "E001,张三,sales,2026-03,88,3000,exceeded", "工号": "E001,张三,销售人员,2026年3月,88,3000,超额完成"}
	for _, header := range strings.Split(strings.TrimSpace(string(m[1])), "\n") {
		first := strings.Split(header, ",")[0]
		row, ok := rows[first]
		if !ok {
			t.Fatalf("no test row for the README's header %q", header)
		}
		in := filepath.Join(t.TempDir(), "month.csv")
		if err := os.WriteFile(in, []byte(header+"\n"+row+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := payout(t, "-csv", in)
		if code != 0 || !strings.Contains(out, "2772.00") {
			t.Errorf("header %q: exit %d\n%s%s", header, code, out, errs)
		}
	}
}

// The README's readings of -json are those payout writes: the field's
// name, and the clause and step of a score between two tiers' ranges.
func TestReadmePayoutJSONReadings(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(origWD, "../../../README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`(\"readings\": \\[[^`]*\\])`").FindSubmatch(readme)
	if m == nil {
		t.Fatal(`README.md does not show -json's "readings"`)
	}
	type readings struct {
		Readings []struct {
			Text, Clause string
			Step         *int
		} `json:"readings"`
	}
	var shown, got readings
	if err := json.Unmarshal([]byte("{"+string(m[1])+"}"), &shown); err != nil || len(shown.Readings) != 1 || shown.Readings[0].Step == nil {
		t.Fatalf("README's readings %s: %v", m[1], err)
	}
	code, out, errs := payout(t, "-role", "sales", "-score", "59.9", "-base", "3000", "-dept", "met", "-json")
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Readings) != 1 || got.Readings[0].Step == nil ||
		got.Readings[0].Clause != shown.Readings[0].Clause || *got.Readings[0].Step != *shown.Readings[0].Step || got.Readings[0].Text == "" {
		t.Errorf("README shows %s; payout -json writes:\n%s%s", m[1], out, errs)
	}
}
