package grammar

import (
	"fmt"
	"strconv"
	"strings"
)

// Builtin returns the DTMF builtin grammar for a type such as
// "digits?minlength=3;maxlength=5" or a URI "builtin:dtmf/boolean".
func Builtin(spec string) (Grammar, error) {
	spec = strings.TrimPrefix(spec, "builtin:")
	spec = strings.TrimPrefix(spec, "dtmf/")
	name, query, _ := strings.Cut(spec, "?")
	params, err := parseParams(query)
	if err != nil {
		return nil, err
	}
	switch name {
	case "boolean":
		return boolean{yes: param(params, "y", "1"), no: param(params, "n", "2")}, nil
	case "digits":
		return newDigits(params)
	case "number", "currency", "date", "time", "phone":
		return builtin{kind: name}, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnsupportedBuiltin, name)
}

func parseParams(q string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range strings.Split(q, ";") {
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("%w: parameter %q has no value", ErrGrammar, kv)
		}
		out[k] = v
	}
	return out, nil
}

func param(p map[string]string, k, def string) string {
	if v, ok := p[k]; ok {
		return v
	}
	return def
}

type boolean struct{ yes, no string }

func (b boolean) Match(in string) Match {
	switch in {
	case b.yes:
		return Match{Complete: true, value: constant(true)}
	case b.no:
		return Match{Complete: true, value: constant(false)}
	}
	return Match{More: in == ""}
}

type digits struct{ min, max int }

func newDigits(p map[string]string) (Grammar, error) {
	d := digits{min: 1, max: 64}
	var err error
	get := func(k string, dst *int) {
		if v, ok := p[k]; ok && err == nil {
			*dst, err = strconv.Atoi(v)
			if err == nil && *dst < 0 {
				err = fmt.Errorf("negative")
			}
		}
	}
	get("minlength", &d.min)
	get("maxlength", &d.max)
	if _, ok := p["length"]; ok {
		var n int
		get("length", &n)
		d.min, d.max = n, n
	}
	if err != nil || d.min > d.max {
		return nil, fmt.Errorf("%w: digits parameters %v", ErrGrammar, p)
	}
	return d, nil
}

func (d digits) Match(in string) Match {
	if !allDigits(in) {
		return Match{}
	}
	n := len(in)
	return Match{Complete: n >= d.min && n <= d.max && n > 0, More: n < d.max, value: constant(in)}
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// builtin covers the types whose DTMF form is digits with at most one '*'.
type builtin struct{ kind string }

func (b builtin) Match(in string) Match {
	head, tail, star := strings.Cut(in, "*")
	if !allDigits(head) || !allDigits(tail) || strings.Contains(tail, "*") {
		return Match{}
	}
	switch b.kind {
	case "date":
		return fixed(in, 8, in, star)
	case "time":
		return fixed(in, 4, in+"h", star)
	case "number":
		ok := head != "" && (!star || tail != "")
		f, _ := strconv.ParseFloat(head+"."+tail, 64)
		return Match{Complete: ok, More: true, value: constant(f)}
	case "currency":
		ok := head != "" && (!star || (tail != "" && len(tail) <= 2))
		return Match{Complete: ok, More: !star || len(tail) < 2, value: constant(strings.Replace(in, "*", ".", 1))}
	default: // phone: '*' separates an extension
		ok := head != "" && (!star || tail != "")
		return Match{Complete: ok, More: true, value: constant(strings.Replace(in, "*", "x", 1))}
	}
}

func fixed(in string, n int, v string, star bool) Match {
	if star {
		return Match{}
	}
	return Match{Complete: len(in) == n, More: len(in) < n, value: constant(v)}
}
