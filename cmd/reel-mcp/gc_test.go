package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCSetsTheDefaultUnlessGOGCIsSet(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)

	tuneGC(func(string) (string, bool) { return "", false })
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Fatalf("GC percent without GOGC = %d, want %d", got, gcPercent)
	}
	tuneGC(func(k string) (string, bool) { return "300", k == "GOGC" })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent with GOGC set = %d, want it left alone (100)", got)
	}
}
