package recindex

import (
	"errors"
	"net/url"
	"testing"
)

// FuzzParseQuery: any query string parses to a valid Query or an ErrQuery,
// and a valid one searches without error.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"dn=7001&startTime=2026-12-08&endTime=2026-12-08", "ani=555*&limit=5",
		"completeness=loss", "after=AAAAAAAAAAAx", "dn=[", "startTime=2026-12-08T10:00:00Z&endTime=2026-12-08T09:00:00Z"} {
		f.Add(s)
	}
	x := openTemp(f)
	fill(f, x, 5)
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			if !errors.Is(err, ErrQuery) {
				t.Fatalf("%q: %v is not an ErrQuery", raw, err)
			}
			return
		}
		if _, err := x.Search(q); err != nil {
			t.Fatalf("%q parsed but Search failed: %v", raw, err)
		}
	})
}
