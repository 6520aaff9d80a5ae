package rm

import (
	"testing"
	"time"
)

func TestAPausedNodeTakesNoNewCallsUntilThePauseEnds(t *testing.T) {
	n := &Node{Addr: "127.0.0.1:5070", Capacity: 10}
	if !n.Available() || !n.PausedUntil().IsZero() {
		t.Fatal("a new node is not available")
	}
	until := time.Now().Add(time.Hour)
	n.Pause(until)
	if n.Available() || !n.PausedUntil().Equal(time.Unix(0, until.UnixNano())) {
		t.Fatalf("paused node: Available %v, PausedUntil %v", n.Available(), n.PausedUntil())
	}
	n.Pause(time.Now().Add(time.Minute)) // a shorter pause does not cut the longer one
	if !n.PausedUntil().Equal(time.Unix(0, until.UnixNano())) {
		t.Fatalf("PausedUntil %v after a shorter pause, want %v", n.PausedUntil(), until)
	}
	n2 := &Node{Addr: "127.0.0.1:5072", Capacity: 10}
	n2.Pause(time.Now().Add(-time.Second)) // already over
	if !n2.Available() || !n2.PausedUntil().IsZero() {
		t.Fatal("a pause in the past keeps the node away")
	}
}
