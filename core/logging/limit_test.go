package logging

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLimiterAllowsABurstPerKeyAndCountsTheRest(t *testing.T) {
	now := time.Unix(0, 0)
	l := &Limiter{Burst: 2, Window: time.Minute, now: func() time.Time { return now }}
	for i, want := range []bool{true, true, false, false} {
		if ok, _ := l.Allow("a"); ok != want {
			t.Fatalf("record %d of a: allowed %v, want %v", i, ok, want)
		}
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another source is limited by a's flood")
	}
	now = now.Add(time.Minute)
	if ok, suppressed := l.Allow("a"); !ok || suppressed != 2 {
		t.Fatalf("next window: allowed %v with %d suppressed, want true with 2", ok, suppressed)
	}
}

func TestLimiterForgetsKeysWhenFull(t *testing.T) {
	l := &Limiter{Burst: 1, MaxKeys: 2}
	l.Allow("a")
	l.Allow("b")
	l.Allow("c") // clears a and b
	if ok, _ := l.Allow("a"); !ok {
		t.Error("a still limited after the key table was cleared")
	}
	if len(l.keys) > 2 {
		t.Errorf("%d keys kept, want at most 2", len(l.keys))
	}
}

func TestPrefixIsShortAndQuoted(t *testing.T) {
	got := Prefix(append([]byte("\x16\x03\r\n"), bytes.Repeat([]byte("x"), 32<<10)...))
	if len(got) > 2*PrefixLen+8 || strings.ContainsAny(got, "\r\n") || !strings.HasSuffix(got, "…") {
		t.Errorf("Prefix = %q", got)
	}
	if got := Prefix([]byte("ok")); got != `"ok"` {
		t.Errorf("Prefix(ok) = %s", got)
	}
}

func TestSIPStackShortensParseFailures(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(SIPStack(slog.NewTextHandler(&out, nil)))
	data := strings.Repeat("garbage ", 4<<10)
	for range 350 {
		log.Error("failed to parse", "error", "bad start line", "data", data)
	}
	log.Error("Read error", "error", "boom")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != DefaultBurst+1 || out.Len() > 2048 {
		t.Fatalf("%d lines, %d bytes:\n%s", len(lines), out.Len(), out.String())
	}
	if !strings.Contains(lines[0], "level=INFO") || !strings.Contains(lines[0], "bytes=32768") {
		t.Errorf("parse failure logged as %s", lines[0])
	}
	if !strings.Contains(lines[DefaultBurst], "level=ERROR") {
		t.Errorf("other records changed: %s", lines[DefaultBurst])
	}
}
