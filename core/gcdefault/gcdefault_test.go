package gcdefault

import (
	"runtime/debug"
	"testing"
)

func TestApplySetsThePercentUnlessGOGCIsSet(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)

	if !Apply(20, func(string) (string, bool) { return "", false }) {
		t.Fatal("Apply without GOGC reported it did nothing")
	}
	if got := debug.SetGCPercent(100); got != 20 {
		t.Fatalf("GC percent without GOGC = %d, want 20", got)
	}
	if Apply(20, func(k string) (string, bool) { return "300", k == "GOGC" }) {
		t.Fatal("Apply with GOGC set reported it changed the percent")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent with GOGC set = %d, want it left alone (100)", got)
	}
}
