package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The commonest typo in site.toml and a page's +++ front matter, a value
// without its quotes (title = 大客户部管理制度), was told "keys are named
// in English", of a key that was; and a quote left open got the parser's
// "strings cannot contain newlines" alone. Each is told what to type, and
// a key in Chinese is still told to be named in English.
func TestAValueWithoutItsQuotesIsToldToQuoteIt(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = 大客户部管理制度\n", "site.toml:1:9: error: site config is not valid TOML: expected value but found \"大客户部管理制度\" instead — put the value in quotes: title = \"大客户部管理制度\""},
		{"title = HR # 人事\n", "— put the value in quotes: title = \"HR\""},
		{"title = \"大客户部管理制度\nlanguage = \"zh-CN\"\n", "site.toml:1:18: error: site config is not valid TOML: strings cannot contain newlines — close the quote on the same line it opens: title = \"大客户部管理制度\""},
		{"标题 = \"HR\"\n", "— keys are named in English"},
		{"标题 = 大客户部管理制度\n", "— keys are named in English"},
	} {
		_, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(tc.src)}}, "site.toml", true)
		if len(errs) != 1 || !strings.Contains(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v, want …%s…", tc.src, errs, tc.want)
		}
		if strings.Contains(tc.src, "title =") && strings.Contains(errs.Err().Error(), "English") {
			t.Errorf("%q: told keys are named in English: %v", tc.src, errs)
		}
	}
	_, _, _, errs := parseFrontMatter("07.md", []byte("+++\ntitle = \"第七章 大客户部保密制度\norder = 7\n+++\n"))
	if want := "07.md:2:22: error: front matter is not valid TOML: strings cannot contain newlines — close the quote on the same line it opens: title = \"第七章 大客户部保密制度\""; len(errs) != 1 || errs[0].String() != want {
		t.Errorf("an unclosed title in front matter: %v\nwant %s", errs, want)
	}
	_, _, _, errs = parseFrontMatter("07.md", []byte("+++\norder = 七\n+++\n"))
	if len(errs) != 1 || strings.Contains(errs[0].String(), "quotes") {
		t.Errorf("a number is told to be quoted: %v", errs)
	}
}
