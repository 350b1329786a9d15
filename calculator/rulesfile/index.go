package rulesfile

import (
	"strconv"
	"strings"
)

// index maps the paths of calculator.Problem ("roles[1].tiers[2].min") to
// byte offsets in the TOML source: a key's offset is where its value
// starts, a table's is where its header starts. It understands the subset
// of TOML a rules file uses — [table], [[array]], bare keys — and skips
// comments and multi-line strings; anything it cannot place falls back to
// the nearest enclosing table.
type index struct {
	at     map[string]int
	byPlan map[string][]int // path without indices → offsets, for unknown keys
}

func scan(src []byte) *index {
	ix := &index{at: map[string]int{}, byPlan: map[string][]int{}}
	counts := map[string]int{} // array path (with parent indices) → elements seen
	cur := ""                  // current table path
	s := string(src)
	inMulti := ""
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			end = len(s) - off
		}
		line := s[off : off+end]
		lineOff := off
		off += end + 1
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		trim := strings.TrimLeft(line, " \t")
		ind := len(line) - len(trim)
		switch {
		case trim == "" || trim[0] == '#':
			continue
		case strings.HasPrefix(trim, "[["):
			name, _, _ := strings.Cut(trim[2:], "]]")
			parent, last := ix.resolve(counts, strings.TrimSpace(name))
			arr := join(parent, last)
			counts[arr]++
			cur = arr + "[" + strconv.Itoa(counts[arr]-1) + "]"
			ix.put(cur, plain(arr), lineOff+ind)
			if _, ok := ix.at[arr]; !ok {
				ix.at[arr] = lineOff + ind // the array as a whole: its first table
			}
		case trim[0] == '[':
			name, _, _ := strings.Cut(trim[1:], "]")
			parent, last := ix.resolve(counts, strings.TrimSpace(name))
			cur = join(parent, last)
			ix.put(cur, plain(cur), lineOff+ind)
		default:
			key, val, ok := strings.Cut(trim, "=")
			if !ok {
				continue
			}
			key = strings.Trim(strings.TrimSpace(key), `"'`)
			vtrim := strings.TrimLeft(val, " \t")
			voff := lineOff + ind + len(trim) - len(vtrim)
			p := join(cur, key)
			ix.put(p, plain(p), voff)
			for _, q := range [...]string{`"""`, `'''`} {
				if strings.HasPrefix(vtrim, q) && !strings.Contains(vtrim[3:], q) {
					inMulti = q
				}
			}
		}
	}
	return ix
}

// resolve turns a dotted header name into its full path: every component
// but the last refers to the latest element of an array of tables (or a
// plain table).
func (ix *index) resolve(counts map[string]int, name string) (parent, last string) {
	parts := strings.Split(name, ".")
	for i := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(parts[i]), `"'`)
	}
	for _, p := range parts[:len(parts)-1] {
		parent = join(parent, p)
		if n := counts[parent]; n > 0 {
			parent += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return parent, parts[len(parts)-1]
}

func (ix *index) put(path, plainPath string, off int) {
	if _, ok := ix.at[path]; !ok {
		ix.at[path] = off
	}
	ix.byPlan[plainPath] = append(ix.byPlan[plainPath], off)
}

// offset returns the offset of path or of its nearest known ancestor
// (0, the start of the file, when nothing matches).
func (ix *index) offset(path string) int {
	for p := path; p != ""; {
		if off, ok := ix.at[p]; ok {
			return off
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

// plain returns the offsets of every occurrence of a path written without
// indices ("roles.tiers.colour"), as BurntSushi names undecoded keys.
func (ix *index) plain(p string) []int { return ix.byPlan[p] }

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// plain strips array indices: roles[0].tiers[2] → roles.tiers.
func plain(p string) string {
	var b strings.Builder
	skip := false
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '[':
			skip = true
		case p[i] == ']':
			skip = false
		case !skip:
			b.WriteByte(p[i])
		}
	}
	return b.String()
}

// Offset returns the byte offset in src of the value at path (as
// "roles[1].departments[2].clause"), or of its nearest enclosing table,
// where Parse would place a problem with it: for checks made after
// parsing, such as the build's of what a rule's clause says.
func Offset(src []byte, path string) int { return scan(src).offset(path) }
