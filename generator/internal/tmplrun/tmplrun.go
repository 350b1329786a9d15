// Package tmplrun runs a theme's html/template templates, once escaped,
// without the reflection text/template spends on each action.
//
// A page's frame (the theme's base template around its sidebar and body)
// runs 50–80 actions, and text/template calls every function in them —
// each escaper html/template puts at the end of an output action, each
// eq — through reflect.Value.Call, and looks each field up by name. At
// 10,000 pages that was a fifth of a build's CPU without the search
// index, as much as goldmark's parser. A Program walks the same escaped
// parse trees with the field lookups cached by type and the escapers and
// eq, ne, and, or, not and len called directly.
//
// It covers what those trees hold for the themes this project writes and
// no more: fields of structs (not methods, not maps), variables, if,
// with, range over slices and arrays, template calls in text context,
// string, number and bool constants, and the escapers for HTML text,
// attributes, RCDATA and URLs applied to strings, bools and ints, or to
// template.HTML in HTML text. Whatever else a run meets — a method, a
// map, a function of the theme's, a JavaScript or CSS context, a nil
// pointer, a template html/template derived for another context — makes
// Run return ErrNotHandled, having written nothing the caller must keep,
// and the caller runs html/template instead: a theme is never rendered
// differently, at worst as slowly as before.
package tmplrun

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// ErrNotHandled: the run met something only html/template does; run
// that instead.
var ErrNotHandled = errors.New("tmplrun: not handled here")

// notHandled is what a run panics with, recovered by Run.
type notHandled struct{}

func bail() { panic(notHandled{}) }

// Program is a template set's named template, ready to Run.
type Program struct {
	root *proc
	// runs and misses count Runs and those that returned ErrNotHandled:
	// a program that mostly misses stops trying (Run returns
	// ErrNotHandled at once).
	runs, misses atomic.Int64
}

type proc struct{ list []node }

// Compile prepares set's template name for Run. The set is escaped first,
// as its first Execute would (executing it once on nil data, output
// discarded); an escaping error then is Execute's to report, and Compile
// returns nil.
func Compile(set *template.Template, name string) *Program {
	if set.Lookup(name) == nil {
		return nil
	}
	// An escaping error is returned before anything runs; a run-time
	// error on nil data is expected and says nothing.
	err := set.ExecuteTemplate(io.Discard, name, nil)
	if err != nil && strings.HasPrefix(err.Error(), "html/template") {
		return nil
	}
	c := &compiler{set: set, procs: map[string]*proc{}}
	return &Program{root: c.template(name)}
}

// Run writes the template run on data to buf. On ErrNotHandled buf is as
// it was.
func (p *Program) Run(buf *bytes.Buffer, data any) (err error) {
	if p == nil {
		return ErrNotHandled
	}
	runs, misses := p.runs.Add(1), p.misses.Load()
	if misses > 32 && misses*2 > runs {
		return ErrNotHandled
	}
	start := buf.Len()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(notHandled); !ok {
				panic(r)
			}
			buf.Truncate(start)
			p.misses.Add(1)
			err = ErrNotHandled
		}
	}()
	dot := reflect.ValueOf(data)
	s := &state{buf: buf}
	s.vars = append(s.vars, variable{"$", dot})
	s.walk(dot, p.root.list)
	return nil
}

// The compiled nodes.
type (
	node interface{}

	textNode []byte

	// outNode prints a pipeline's value through its escapers.
	outNode struct {
		pipe *pipeline
		esc  []escaper
	}
	// declNode evaluates a pipeline that declares or assigns variables.
	declNode struct{ pipe *pipeline }

	ifNode struct {
		with        bool
		pipe        *pipeline
		list, other []node
	}
	rangeNode struct {
		pipe        *pipeline
		list, other []node
	}
	callNode struct {
		proc *proc
		pipe *pipeline // nil: dot is nil
	}
	// missNode is what the compiler could not take: reaching it ends
	// the run.
	missNode struct{}
)

type pipeline struct {
	decl   []string
	assign bool
	cmds   []command
}

type cmdKind uint8

const (
	cmdField cmdKind = iota // .A.B (on dot)
	cmdVar                  // $x.A.B
	cmdDot                  // .
	cmdConst                // "x", 1, true
	cmdPipe                 // ( … )
	cmdFunc                 // eq, ne, and, or, not, len
	cmdMiss
)

type command struct {
	kind   cmdKind
	name   string // cmdVar: the variable; cmdFunc: the function
	fields []*field
	val    reflect.Value // cmdConst
	sub    *pipeline     // cmdPipe
	args   []command     // cmdFunc
}

// field is one name of a field chain, with the last type it was looked
// up on.
type field struct {
	name  string
	cache atomic.Pointer[fieldAt]
}

type fieldAt struct {
	typ   reflect.Type
	index []int // nil: not a field text/template would read as one
}

type escaper uint8

const (
	escHTML escaper = iota
	escAttr
	escRCDATA
	escURLFilter
	escURLNormalize
	escURLEscape
)

var escapers = map[string]escaper{
	"_html_template_htmlescaper":   escHTML,
	"_html_template_attrescaper":   escAttr,
	"_html_template_rcdataescaper": escRCDATA,
	"_html_template_urlfilter":     escURLFilter,
	"_html_template_urlnormalizer": escURLNormalize,
	"_html_template_urlescaper":    escURLEscape,
}

var builtins = map[string]bool{"eq": true, "ne": true, "and": true, "or": true, "not": true, "len": true}

type compiler struct {
	set   *template.Template
	procs map[string]*proc
}

// template compiles a template of the set by name; one html/template
// derived for another context, or none, is a miss.
func (c *compiler) template(name string) *proc {
	if p := c.procs[name]; p != nil {
		return p
	}
	p := &proc{}
	c.procs[name] = p
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		p.list = []node{missNode{}}
		return p
	}
	p.list = c.list(t.Tree.Root)
	return p
}

func (c *compiler) list(l *parse.ListNode) []node {
	if l == nil {
		return nil
	}
	var out []node
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, textNode(n.Text))
		case *parse.CommentNode:
		case *parse.ActionNode:
			out = append(out, c.action(n.Pipe))
		case *parse.IfNode:
			out = append(out, &ifNode{pipe: c.pipeline(n.Pipe), list: c.list(n.List), other: c.list(n.ElseList)})
		case *parse.WithNode:
			out = append(out, &ifNode{with: true, pipe: c.pipeline(n.Pipe), list: c.list(n.List), other: c.list(n.ElseList)})
		case *parse.RangeNode:
			if n.Pipe.IsAssign || len(n.Pipe.Decl) > 2 {
				out = append(out, missNode{})
				continue
			}
			out = append(out, &rangeNode{pipe: c.pipeline(n.Pipe), list: c.list(n.List), other: c.list(n.ElseList)})
		case *parse.TemplateNode:
			call := &callNode{proc: c.template(n.Name)}
			if n.Pipe != nil {
				call.pipe = c.pipeline(n.Pipe)
			}
			out = append(out, call)
		default: // break, continue
			out = append(out, missNode{})
		}
	}
	return out
}

// action compiles an action: a declaration, or an output whose pipeline
// ends in html/template's escapers.
func (c *compiler) action(p *parse.PipeNode) node {
	if len(p.Decl) > 0 {
		return declNode{c.pipeline(p)}
	}
	cmds := p.Cmds
	var esc []escaper
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 {
			break
		}
		e, ok := escapers[id.Ident]
		if !ok {
			break
		}
		esc = append([]escaper{e}, esc...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(esc) == 0 {
		return missNode{}
	}
	q := c.pipeline(&parse.PipeNode{Cmds: cmds})
	return &outNode{pipe: q, esc: esc}
}

func (c *compiler) pipeline(p *parse.PipeNode) *pipeline {
	q := &pipeline{assign: p.IsAssign}
	for _, v := range p.Decl {
		q.decl = append(q.decl, v.Ident[0])
	}
	for i, cmd := range p.Cmds {
		q.cmds = append(q.cmds, c.command(cmd, i > 0))
	}
	return q
}

// command compiles one command of a pipeline; piped says it gets the
// value before it as its last argument.
func (c *compiler) command(cmd *parse.CommandNode, piped bool) command {
	first := cmd.Args[0]
	if id, ok := first.(*parse.IdentifierNode); ok {
		if !builtins[id.Ident] || piped && (id.Ident == "and" || id.Ident == "or") {
			return command{kind: cmdMiss}
		}
		f := command{kind: cmdFunc, name: id.Ident}
		for _, a := range cmd.Args[1:] {
			f.args = append(f.args, c.arg(a))
		}
		return f
	}
	if len(cmd.Args) > 1 || piped {
		return command{kind: cmdMiss} // a method with arguments
	}
	return c.arg(first)
}

// arg compiles an argument (or a command of one word).
func (c *compiler) arg(n parse.Node) command {
	switch n := n.(type) {
	case *parse.FieldNode:
		return command{kind: cmdField, fields: fields(n.Ident)}
	case *parse.VariableNode:
		return command{kind: cmdVar, name: n.Ident[0], fields: fields(n.Ident[1:])}
	case *parse.DotNode:
		return command{kind: cmdDot}
	case *parse.StringNode:
		return command{kind: cmdConst, val: reflect.ValueOf(n.Text)}
	case *parse.BoolNode:
		return command{kind: cmdConst, val: reflect.ValueOf(n.True)}
	case *parse.NumberNode:
		if n.IsInt && decimal(n.Text) && int64(int(n.Int64)) == n.Int64 {
			return command{kind: cmdConst, val: reflect.ValueOf(int(n.Int64))}
		}
	case *parse.PipeNode:
		if len(n.Decl) == 0 {
			return command{kind: cmdPipe, sub: c.pipeline(n)}
		}
	}
	return command{kind: cmdMiss} // nil, chains, functions as values, floats
}

// decimal: digits, perhaps signed, as text/template reads as an int
// (not 1.0, 1e3, 0x1F or 'a').
func decimal(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func fields(names []string) []*field {
	out := make([]*field, len(names))
	for i, n := range names {
		out[i] = &field{name: n}
	}
	return out
}

type variable struct {
	name string
	val  reflect.Value
}

type state struct {
	buf  *bytes.Buffer
	vars []variable
	// base is where the running template's variables start: a template
	// called sees none of its caller's.
	base, depth int
}

// maxDepth bounds template calls: a theme that recurses for ever is
// html/template's to report.
const maxDepth = 1000

func (s *state) walk(dot reflect.Value, list []node) {
	for _, n := range list {
		switch n := n.(type) {
		case textNode:
			s.buf.Write(n)
		case *outNode:
			s.print(s.eval(dot, n.pipe), n.esc)
		case declNode:
			s.eval(dot, n.pipe)
		case *ifNode:
			mark := len(s.vars)
			v := s.eval(dot, n.pipe)
			if truth(v) {
				if n.with {
					s.walk(v, n.list)
				} else {
					s.walk(dot, n.list)
				}
			} else {
				s.walk(dot, n.other)
			}
			s.vars = s.vars[:mark]
		case *rangeNode:
			s.walkRange(dot, n)
		case *callNode:
			if s.depth == maxDepth {
				bail()
			}
			var v reflect.Value
			if n.pipe != nil {
				v = s.eval(dot, n.pipe)
			}
			base := s.base
			s.base, s.depth = len(s.vars), s.depth+1
			s.vars = append(s.vars, variable{"$", v})
			s.walk(v, n.proc.list)
			s.vars = s.vars[:s.base]
			s.base, s.depth = base, s.depth-1
		default:
			bail()
		}
	}
}

func (s *state) walkRange(dot reflect.Value, n *rangeNode) {
	mark := len(s.vars)
	v := indirect(s.eval(dot, n.pipe))
	top := len(s.vars)
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			break
		}
		for i := 0; i < v.Len(); i++ {
			elem := v.Index(i)
			switch len(n.pipe.decl) {
			case 1:
				s.vars[top-1].val = elem
			case 2:
				s.vars[top-1].val = elem
				s.vars[top-2].val = reflect.ValueOf(i)
			}
			s.walk(elem, n.list)
			s.vars = s.vars[:top]
		}
		s.vars = s.vars[:mark]
		return
	case reflect.Invalid:
	default:
		bail() // maps, ints, channels, functions: html/template's
	}
	s.walk(dot, n.other)
	s.vars = s.vars[:mark]
}

// eval evaluates a pipeline as text/template's evalPipeline does.
func (s *state) eval(dot reflect.Value, p *pipeline) reflect.Value {
	var v reflect.Value
	for i := range p.cmds {
		v = s.command(dot, &p.cmds[i], v, i > 0)
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	for _, name := range p.decl {
		if p.assign {
			s.set(name, v)
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v
}

func (s *state) lookup(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].val
		}
	}
	bail()
	return reflect.Value{}
}

func (s *state) set(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].val = v
			return
		}
	}
	bail()
}

var (
	trueVal  = reflect.ValueOf(true)
	falseVal = reflect.ValueOf(false)
)

func boolVal(b bool) reflect.Value {
	if b {
		return trueVal
	}
	return falseVal
}

func (s *state) command(dot reflect.Value, c *command, final reflect.Value, piped bool) reflect.Value {
	switch c.kind {
	case cmdField:
		return chain(dot, c.fields)
	case cmdVar:
		return chain(s.lookup(c.name), c.fields)
	case cmdDot:
		return dot
	case cmdConst:
		return c.val
	case cmdPipe:
		return s.eval(dot, c.sub)
	case cmdFunc:
		return s.call(dot, c, final, piped)
	}
	bail()
	return reflect.Value{}
}

// call runs a builtin as text/template's would, or bails where its
// answer would be an error.
func (s *state) call(dot reflect.Value, c *command, final reflect.Value, piped bool) reflect.Value {
	switch c.name {
	case "and", "or":
		var v reflect.Value
		for i := range c.args {
			v = s.command(dot, &c.args[i], reflect.Value{}, false)
			if truth(v) == (c.name == "or") {
				return v
			}
		}
		return v
	}
	args := make([]reflect.Value, 0, 3)
	for i := range c.args {
		args = append(args, s.command(dot, &c.args[i], reflect.Value{}, false))
	}
	if piped {
		args = append(args, final)
	}
	switch c.name {
	case "not":
		if len(args) != 1 {
			bail()
		}
		return boolVal(!truth(args[0]))
	case "len":
		if len(args) != 1 {
			bail()
		}
		v := indirect(args[0])
		switch v.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(v.Len())
		}
	case "eq":
		if len(args) < 2 {
			bail()
		}
		for _, b := range args[1:] {
			if equal(args[0], b) {
				return trueVal
			}
		}
		return falseVal
	case "ne":
		if len(args) != 2 {
			bail()
		}
		return boolVal(!equal(args[0], args[1]))
	}
	bail()
	return reflect.Value{}
}

// equal compares strings, bools and signed integers as eq does; other
// kinds, or two kinds, are html/template's (an error, or a rule of its).
func equal(a, b reflect.Value) bool {
	a, b = unwrap(a), unwrap(b)
	switch {
	case a.Kind() == reflect.String && b.Kind() == reflect.String:
		return a.String() == b.String()
	case a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
		return a.Bool() == b.Bool()
	case isInt(a) && isInt(b):
		return a.Int() == b.Int()
	}
	bail()
	return false
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// unwrap is text/template's indirectInterface.
func unwrap(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		return v.Elem()
	}
	return v
}

// indirect goes through pointers and interfaces to a value; a nil one is
// an error of html/template's.
func indirect(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if v.Kind() == reflect.Interface {
				return reflect.Value{}
			}
			bail()
		}
		v = v.Elem()
	}
	return v
}

// truth is text/template's isTrue of the value, interfaces unwrapped.
func truth(v reflect.Value) bool {
	v = unwrap(v)
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0
	case reflect.Bool:
		return v.Bool()
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0
	case reflect.Struct:
		return true
	}
	bail() // if/with can't use it: html/template says so
	return false
}

// chain reads a chain of fields from v.
func chain(v reflect.Value, fs []*field) reflect.Value {
	for _, f := range fs {
		v = f.of(v)
	}
	return v
}

// of reads the field from a struct or a pointer to one. A method of that
// name (text/template would call it), a map, a nil pointer or no such
// exported field: html/template's.
func (f *field) of(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		bail()
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			bail()
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		bail()
	}
	t := v.Type()
	at := f.cache.Load()
	if at == nil || at.typ != t {
		at = &fieldAt{typ: t}
		if _, isMethod := reflect.PointerTo(t).MethodByName(f.name); !isMethod {
			if sf, ok := t.FieldByName(f.name); ok && sf.IsExported() {
				at.index = sf.Index
			}
		}
		f.cache.Store(at)
	}
	if at.index == nil {
		bail()
	}
	if len(at.index) == 1 {
		return v.Field(at.index[0])
	}
	out, err := v.FieldByIndexErr(at.index)
	if err != nil {
		bail()
	}
	return out
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	boolType   = reflect.TypeFor[bool]()
	intType    = reflect.TypeFor[int]()
)

// print writes v through the escapers of its action. The first sees the
// value's type (template.HTML is HTML); the ones after it get the string
// the one before returned, as html/template's do.
func (s *state) print(v reflect.Value, esc []escaper) {
	str, isHTML := text(v)
	for i, e := range esc {
		last := i == len(esc)-1
		typedHTML := isHTML && i == 0
		switch e {
		case escHTML:
			if !typedHTML {
				str = replace(s.buf, str, &htmlTable, last)
			} else if last {
				s.buf.WriteString(str)
			}
		case escRCDATA:
			table := &htmlTable
			if typedHTML {
				table = &htmlNormTable
			}
			str = replace(s.buf, str, table, last)
		case escAttr:
			if typedHTML {
				bail() // html/template strips its tags first
			}
			str = replace(s.buf, str, &htmlTable, last)
		case escURLFilter:
			if !safeURL(str) {
				str = "#ZgotmplZ"
			}
			if last {
				s.buf.WriteString(str)
			}
		case escURLNormalize, escURLEscape:
			str = percentEncode(str, e == escURLNormalize)
			if last {
				s.buf.WriteString(str)
			}
		}
	}
}

// text is the string html/template's escapers would make of v: strings
// and template.HTML as they are, bools and ints as fmt prints them.
func text(v reflect.Value) (string, bool) {
	v = unwrap(v)
	if !v.IsValid() {
		bail()
	}
	switch v.Type() {
	case stringType:
		return v.String(), false
	case htmlType:
		return v.String(), true
	case boolType:
		return strconv.FormatBool(v.Bool()), false
	case intType:
		return strconv.FormatInt(v.Int(), 10), false
	}
	bail()
	return "", false
}

// The characters html/template's HTML escapers replace (all ASCII, so a
// byte loop finds them as its rune loop does), and its table for HTML
// content in RCDATA, which leaves & alone.
var htmlTable, htmlNormTable [64]string

func init() {
	for _, t := range []*[64]string{&htmlTable, &htmlNormTable} {
		t[0] = "\uFFFD"
		t['"'] = "&#34;"
		t['\''] = "&#39;"
		t['+'] = "&#43;"
		t['<'] = "&lt;"
		t['>'] = "&gt;"
	}
	htmlTable['&'] = "&amp;"
}

// replace escapes s by table: into buf when write is set (returning ""),
// else as a string.
func replace(buf *bytes.Buffer, s string, table *[64]string, write bool) string {
	var sb strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 64 || table[c] == "" {
			continue
		}
		if write {
			buf.WriteString(s[done:i])
			buf.WriteString(table[c])
		} else {
			if done == 0 {
				sb.Grow(len(s) + 16)
			}
			sb.WriteString(s[done:i])
			sb.WriteString(table[c])
		}
		done = i + 1
	}
	if write {
		buf.WriteString(s[done:])
		return ""
	}
	if done == 0 {
		return s
	}
	sb.WriteString(s[done:])
	return sb.String()
}

// safeURL is html/template's test of a URL's scheme: none, or http,
// https or mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// percentEncode encodes the bytes of s a URL may not hold as they are,
// as html/template's URL normalizer (norm: reserved characters and valid
// escapes kept) and escaper (everything but letters, digits and -._~
// encoded) do, in lower-case hex.
func percentEncode(s string, norm bool) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		switch c {
		case '-', '.', '_', '~':
			continue
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
