package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A time zone that is none, under its key in another letter case
// (timezone, which the decoder reads as timeZone), was said as timeZone
// "Asia/Shanghia" with no line: the admin looked for a timeZone the file
// does not have. It is said at the value, with the key as written and the
// setting's spelling.
func TestATimeZoneThatIsNoneIsSaidAtItsKeyAsWritten(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = \"HR\"\n\ntimezone = \"Asia/Shanghia\"\n",
			"site.toml:3:12: error: timezone \"Asia/Shanghia\" is not a time zone (the setting is spelt timeZone; timezone is read as it) — write a zone of the tz database, e.g. timeZone = \"Asia/Shanghai\", or remove the line to use the machine's"},
		{"title = \"HR\"\ntimeZone = \"Beijing\"\n",
			"site.toml:2:12: error: timeZone \"Beijing\" is not a time zone — write a zone of the tz database"},
		{"title = \"HR\"\nTimeZone = \"Local\"\n",
			"site.toml:2:12: error: TimeZone \"Local\" is not a time zone (the setting is spelt timeZone; TimeZone is read as it)"},
	} {
		_, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(tc.src)}}, "site.toml", true)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v\nwant %s…", tc.src, errs, tc.want)
		}
	}
	if s, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte("title = \"HR\"\ntimezone = \"Asia/Shanghai\"\n")}}, "site.toml", true); len(errs) != 0 || s.TimeZone != "Asia/Shanghai" {
		t.Errorf("a zone under timezone is read: %+v %v", s, errs)
	}
}
