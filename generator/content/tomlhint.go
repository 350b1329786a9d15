package content

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"handbook/generator/diag"
)

// tomlTypoHint says what to retype when a TOML parse error (site.toml, or
// a page's +++ front matter) stops at a character typed with a Chinese
// input method on: curly quotes, a full-width space, = or colon, or a key
// written in Chinese. The parser's own message names the character but
// not that it only looks like the one TOML wants. start is the error's
// byte offset in src; "" when the character is none of these.
//
// A value typed without its quotes (title = 员工手册) or with its closing
// quote left out is said so (diag.TOMLHint): the first was told "keys are
// named in English", of a key that was, and neither was told to quote.
func tomlTypoHint(src string, start int) string {
	if start < 0 || start >= len(src) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(src[start:])
	if !strings.ContainsRune("“”‘’「」『』＂＇\u3000＝：", r) {
		if h := diag.TOMLHint([]byte(src), start, textSetting); h != "" {
			return h
		}
	}
	switch {
	case strings.ContainsRune("“”‘’「」『』＂＇", r):
		return "the quote " + string(r) + " is a Chinese one, which TOML does not read: put the value between half-width quotes (type them with the input method off), e.g. title = \"员工手册\""
	case r == '\u3000':
		return "a full-width space (　) is there: delete it, or type a half-width one"
	case r == '＝':
		return "the ＝ is full-width: type a half-width =, e.g. title = \"员工手册\""
	case r == '：' || r == ':':
		return "a setting is written with =, not a colon: key = \"value\", e.g. title = \"员工手册\""
	case unicode.Is(unicode.Han, r) && inKey(src, start):
		return "keys are named in English, e.g. title = \"员工手册\", not 标题 = …"
	}
	return ""
}

// inKey reports whether offset start of src is in its line's key: before
// the line's =, or on a line without one.
func inKey(src string, start int) bool {
	ls := strings.LastIndexByte(src[:start], '\n') + 1
	eq := strings.IndexByte(src[ls:], '=')
	nl := strings.IndexByte(src[ls:], '\n')
	return eq < 0 || nl >= 0 && nl < eq || start < ls+eq
}

// textSetting reports whether a key of site.toml or of a page's +++ front
// matter takes a text: the others take true or false, or a number, which
// a value typed without quotes is not told to be put in.
func textSetting(key string) bool {
	switch strings.ToLower(key) {
	case "trusthtml", "draft", "calculator", "publish", "headless", "order", "weight":
		return false
	}
	return true
}

// languageTag is what a language setting must look like: a BCP 47 tag
// such as zh-CN, zh-Hans or en.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
