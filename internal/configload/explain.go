package configload

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
)

// Explain adds to every KeyError in err that has no origin yet where its
// key's value came from — the flag, the variable, the file and line, or
// "the default" — by layering s's sources again as Load did. The daemons'
// mains call it on start-up failures (Unusable), which the components
// report by key only.
func Explain[T any](s Spec[T], err error, fs *pflag.FlagSet, env []string) error {
	if err == nil {
		return nil
	}
	path := ConfigPath("", fs, env)
	src := newSources()
	_, _ = build(s, path, fs, EnvMap(env), src) // Load succeeded: only the origins are wanted
	for _, e := range flatten(err) {
		var ke *KeyError
		if !errors.As(e, &ke) || ke.From != "" || ke.Line != 0 {
			continue
		}
		src.locate(ke)
		if ke.Line > 0 {
			ke.From, ke.Line = fmt.Sprintf("%s line %d", path, ke.Line), 0
		}
		if ke.From == "" {
			ke.From = "the default"
		}
	}
	return err
}

// flatten lists err, or the members of a joined error.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
