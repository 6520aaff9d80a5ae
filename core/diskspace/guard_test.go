package diskspace

import (
	"errors"
	"testing"
	"time"
)

func TestGuard(t *testing.T) {
	dir := t.TempDir()
	if err := New(0, 0, "/nonexistent").Check(); err != nil {
		t.Errorf("off: %v", err)
	}
	if New(0, 0, dir).Free() == 0 {
		t.Error("off: Free still reports")
	}
	if err := New(1, 0, dir).Check(); err != nil {
		t.Errorf("1 byte wanted: %v", err)
	}
	huge := New(1<<62, time.Hour, dir)
	if err := huge.Check(); !errors.Is(err, ErrLow) || huge.Free() == 0 {
		t.Errorf("4 EiB wanted: %v, free %d", err, huge.Free())
	}
	if err := New(1, 0, dir, dir+"/missing").Check(); err == nil || errors.Is(err, ErrLow) {
		t.Errorf("a missing path: %v, want statfs's error", err)
	}
	var nilGuard *Guard
	if err := nilGuard.Check(); err != nil {
		t.Errorf("nil guard: %v", err)
	}
}

func TestGuardMeasuresAtMostOncePerMaxAge(t *testing.T) {
	now := time.Unix(1000, 0)
	g := New(1<<62, time.Second, t.TempDir())
	g.now = func() time.Time { return now }
	_ = g.Check()
	g.paths = []string{"/nonexistent"} // a new measurement would fail differently
	if err := g.Check(); !errors.Is(err, ErrLow) {
		t.Errorf("within maxAge: %v, want the cached ErrLow", err)
	}
	now = now.Add(time.Second)
	if err := g.Check(); err == nil || errors.Is(err, ErrLow) {
		t.Errorf("after maxAge: %v, want a new measurement", err)
	}
}
