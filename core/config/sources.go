package config

import (
	"errors"
	"strings"
)

// sources remembers where each key's value came from, so that an error can
// point at the file line, the variable or the flag to fix.
type sources struct {
	line map[string]int    // key (and "key[i]" for list items) → line in the file
	env  map[string]string // key → REEL_* variable that set it
	flag map[string]string // key → flag that set it
}

// annotate adds the origin of the value to every KeyError in err.
func (s sources) annotate(err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var ke *KeyError
		if errors.As(e, &ke) && ke.Line == 0 {
			s.locate(ke)
		}
	}
	return err
}

// locate sets ke's line, or notes the variable or flag its value came from.
func (s sources) locate(ke *KeyError) {
	base, _, _ := strings.Cut(ke.Key, "[")
	switch {
	case s.flag[base] != "":
		ke.From = s.flag[base]
	case s.env[base] != "":
		ke.From = s.env[base]
	case s.line[ke.Key] != 0:
		ke.Line = s.line[ke.Key]
	default:
		ke.Line = s.line[base]
	}
}
