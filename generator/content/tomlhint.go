package content

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tomlTypoHint says what to retype when a TOML parse error (site.toml, or
// a page's +++ front matter) stops at a character typed with a Chinese
// input method on: curly quotes, a full-width space, = or colon, or a key
// written in Chinese. The parser's own message names the character but
// not that it only looks like the one TOML wants. start is the error's
// byte offset in src; "" when the character is none of these.
func tomlTypoHint(src string, start int) string {
	if start < 0 || start >= len(src) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(src[start:])
	switch {
	case strings.ContainsRune("“”‘’「」『』＂＇", r):
		return "the quote " + string(r) + " is a Chinese one, which TOML does not read: put the value between half-width quotes (type them with the input method off), e.g. title = \"员工手册\""
	case r == '\u3000':
		return "a full-width space (　) is there: delete it, or type a half-width one"
	case r == '＝':
		return "the ＝ is full-width: type a half-width =, e.g. title = \"员工手册\""
	case r == '：' || r == ':':
		return "a setting is written with =, not a colon: key = \"value\", e.g. title = \"员工手册\""
	case unicode.Is(unicode.Han, r):
		return "keys are named in English, e.g. title = \"员工手册\", not 标题 = …"
	}
	return ""
}

// languageTag is what a language setting must look like: a BCP 47 tag
// such as zh-CN, zh-Hans or en.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
