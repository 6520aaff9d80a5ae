package recmeta

import (
	"math/rand"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/quick"
)

func TestSafeName(t *testing.T) {
	long := strings.Repeat("x", 70)
	tests := []struct{ name, id, want string }{
		{"a plain id is kept", "conf-123_A.b", "conf-123_A.b"},
		{"the empty id becomes an underscore", "", "_"},
		{"slashes become underscores", "a/b\\c", "a_b_c"},
		{"a leading dot is replaced", ".hidden", "_hidden"},
		{"dot-dot is broken", "..", "_."},
		{"a path escape is defused", "../../etc/passwd", "_._.__etc_passwd"},
		{"a dot run keeps only its first dot", "a...b", "a._.b"},
		{"a leading dash is replaced", "-rf", "_rf"},
		{"NUL and control characters are replaced", "a\x00b\nc", "a_b_c"},
		{"each multi-byte rune becomes one underscore", "café", "caf_"},
		{"each invalid byte becomes one underscore", "a\xff\xfeb", "a__b"},
		{"64 bytes are kept as they are", long[:64], long[:64]},
		{"a longer id is cut and hashed", long, long[:55] + "-77f3c97d"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SafeName(tc.id); got != tc.want {
				t.Errorf("SafeName(%q) = %q, want %q", tc.id, got, tc.want)
			}
		})
	}
}

func TestSafeNameKeepsLongIDsApart(t *testing.T) {
	a, b := strings.Repeat("p", 80)+"1", strings.Repeat("p", 80)+"2"
	if SafeName(a) == SafeName(b) {
		t.Errorf("%q and %q both give %q", a, b, SafeName(a))
	}
}

// checkSafe fails t unless name is one safe, local path component.
func checkSafe(t testing.TB, id, name string) {
	t.Helper()
	switch {
	case name == "" || len(name) > maxSafeName:
		t.Fatalf("SafeName(%q) = %q: length %d", id, name, len(name))
	case strings.ContainsAny(name, "/\\\x00") || strings.Contains(name, ".."):
		t.Fatalf("SafeName(%q) = %q: unsafe", id, name)
	case name[0] == '.' || name[0] == '-':
		t.Fatalf("SafeName(%q) = %q: leading %q", id, name, name[0])
	case !filepath.IsLocal(name) || filepath.Base(name) != name || filepath.Clean(name) != name:
		t.Fatalf("SafeName(%q) = %q: not one local path component", id, name)
	case SafeName(name) != name:
		t.Fatalf("SafeName(%q) = %q, but SafeName(%q) = %q: not idempotent", id, name, name, SafeName(name))
	}
	for i := 0; i < len(name); i++ {
		if !isSafe(name[i]) {
			t.Fatalf("SafeName(%q) = %q: byte %q", id, name, name[i])
		}
	}
}

// nasty is a quick generator of ids built from the characters that matter.
type nasty string

func (nasty) Generate(r *rand.Rand, size int) reflect.Value {
	const pieces = "./\\\x00-_aZ9 %é\xff:"
	var b strings.Builder
	for range r.Intn(3*size + 1) {
		b.WriteByte(pieces[r.Intn(len(pieces))])
	}
	return reflect.ValueOf(nasty(b.String()))
}

func TestSafeNameProperties(t *testing.T) {
	cfg := &quick.Config{MaxCount: 5000}
	for name, f := range map[string]any{
		"any string": func(id string) bool { checkSafe(t, id, SafeName(id)); return true },
		"nasty ids":  func(id nasty) bool { checkSafe(t, string(id), SafeName(string(id))); return true },
	} {
		t.Run(name+" gives a safe path component", func(t *testing.T) {
			if err := quick.Check(f, cfg); err != nil {
				t.Error(err)
			}
		})
	}
}

// FuzzSafeName: any string gives one safe path component.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"", ".", "..", "../x", "a/b", "\x00", "-rf", "café", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) { checkSafe(t, id, SafeName(id)) })
}
