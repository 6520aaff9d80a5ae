package configload

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
)

// splitList turns "a, b,c" into ["a" "b" "c"] for list keys.
func splitList(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String || to.Kind() != reflect.Slice {
		return data, nil
	}
	out := []string{}
	for _, s := range strings.Split(data.(string), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// keyErrors rewrites mapstructure's decode errors as KeyErrors (ErrInvalid)
// so they read like the others; anything else is returned as is.
func (s schema) keyErrors(err error) error {
	var out []error
	s.collectDecodeErrors(err, &out)
	if len(out) == 0 {
		return err
	}
	return errors.Join(out...)
}

// collectDecodeErrors appends one KeyError per innermost field error in err.
func (s schema) collectDecodeErrors(err error, out *[]error) {
	var de *mapstructure.DecodeError
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			s.collectDecodeErrors(inner, out)
		}
	case *mapstructure.DecodeError:
		if errors.As(e.Unwrap(), &de) {
			s.collectDecodeErrors(e.Unwrap(), out)
			return
		}
		*out = append(*out, &KeyError{Key: e.Name(), Msg: s.decodeMsg(e), Kind: ErrInvalid})
	default:
		if inner := errors.Unwrap(err); inner != nil {
			s.collectDecodeErrors(inner, out)
			return
		}
		*out = append(*out, err)
	}
}

// decodeMsg says what value the key wants, with the value when known.
func (s schema) decodeMsg(e *mapstructure.DecodeError) string {
	l, ok := s.leafByKey(e.Name())
	if !ok {
		return e.Unwrap().Error()
	}
	var pe *mapstructure.ParseError
	if errors.As(e, &pe) {
		return fmt.Sprintf("%q is not %s", fmt.Sprint(pe.Value), typeName(l.typ))
	}
	return fmt.Sprintf("want %s (%v)", typeName(l.typ), e.Unwrap())
}

// typeName describes a key's type for people.
func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Duration]():
		return "a duration like 500ms, 1s or 5m"
	case t.Kind() == reflect.Int:
		return "a whole number"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice:
		return "a list"
	}
	return "text"
}
