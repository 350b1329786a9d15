package rulesfile

import (
	"os"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// threeRoles is another company's rules file: three roles with ids of its
// own (picker, team-lead, qc2), none of them sales or assistant.
func threeRoles(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/three-roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Roles are the company's: any number of them, each with an id a link and
// a CSV cell can hold. "unknown role id "picker" — use sales or assistant"
// refused every handbook but this department's.
func TestAnyRolesWithIDsOfTheirOwn(t *testing.T) {
	r, err := Parse("hr/rules.toml", []byte(threeRoles(t)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ro := range r.Roles {
		got = append(got, ro.ID+"="+ro.Name)
	}
	if strings.Join(got, " ") != "picker=拣货员 team-lead=班组长 qc2=质检员" {
		t.Errorf("roles %q", got)
	}
}

// A wrong id is said where it is written (file:line:col of its value),
// with what to write instead.
func TestARoleIDIsCheckedWhereItIsWritten(t *testing.T) {
	good := threeRoles(t)
	for _, tc := range []struct {
		name, old, new string
		n              int // occurrence of old replaced
		line, col      int // where the message is said
		msg, hint      string
	}{
		{"an id in Chinese", `id = "team-lead"`, `id = "班组长"`, 1, lineOf(good, `id = "team-lead"`, 1), 6,
			`role id "班组长" cannot be used in links and CSV files`,
			`write it in lower-case letters a–z, digits and hyphens, starting with a letter (e.g. id = "picker" or id = "team-lead"), and the Chinese title as the role's name`},
		{"an id with an underscore", `id = "team-lead"`, `id = "team_lead"`, 1, lineOf(good, `id = "team-lead"`, 1), 6,
			`role id "team_lead" cannot be used in links and CSV files`, `write it in lower-case letters a–z`},
		{"an id starting with a hyphen", `id = "qc2"`, `id = "-qc"`, 1, lineOf(good, `id = "qc2"`, 1), 6,
			`role id "-qc" cannot be used in links and CSV files`, `starting with a letter`},
		{"an id too long", `id = "qc2"`, `id = "` + strings.Repeat("q", 33) + `"`, 1, lineOf(good, `id = "qc2"`, 1), 6,
			`is longer than 32 characters`, `shorten it`},
		{"an id given twice", `id = "qc2"`, `id = "picker"`, 1, lineOf(good, `id = "qc2"`, 1), 6,
			`role id "picker" is already the id of 拣货员 above`, `give each [[roles]] its own id (e.g. the role's title in pinyin or English), or remove the copy`},
		{"a name given twice", `name = "质检员"`, `name = "拣货员"`, 1, lineOf(good, `name = "质检员"`, 1), 8,
			`role name "拣货员" is already the name of role "picker"`, `give each role its own name`},
		{"an id left out", `id = "team-lead"`, `id = ""`, 1, lineOf(good, `id = "team-lead"`, 1), 6,
			`role has no id`, `write it in lower-case letters a–z`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("hr/rules.toml", []byte(nth(good, tc.old, tc.new, tc.n)))
			l := diag.FromError(err)
			if len(l) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			d := l[0]
			if d.File != "hr/rules.toml" || d.Line != tc.line || d.Col != tc.col || !strings.Contains(d.Msg, tc.msg) || !strings.Contains(d.Hint, tc.hint) {
				t.Errorf("got %s:%d:%d: %s — %s\nwant %d:%d: %s — %s", d.File, d.Line, d.Col, d.Msg, d.Hint, tc.line, tc.col, tc.msg, tc.hint)
			}
		})
	}
}
