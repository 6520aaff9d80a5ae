package configload

import (
	"errors"
	"strings"
)

// Sources remembers where each key's value came from, so that an error can
// point at the file line, the variable or the flag to fix.
type Sources struct {
	Line map[string]int    // key (and "key[i]" for list items) → line in the file
	Env  map[string]string // key → REEL_* variable that set it
	Flag map[string]string // key → flag that set it
}

func newSources() *Sources {
	return &Sources{Line: map[string]int{}, Env: map[string]string{}, Flag: map[string]string{}}
}

// annotate adds the origin of the value to every KeyError in err.
func (s *Sources) annotate(err error) error {
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
func (s *Sources) locate(ke *KeyError) {
	base, _, _ := strings.Cut(ke.Key, "[")
	switch {
	case s.Flag[base] != "":
		ke.From = s.Flag[base]
	case s.Env[base] != "":
		ke.From = s.Env[base]
	case s.Line[ke.Key] != 0:
		ke.Line = s.Line[ke.Key]
	default:
		ke.Line = s.Line[base]
	}
}
