package conference

import (
	"errors"
	"log/slog"
	"net/netip"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/core/mixer"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

var portBase atomic.Int32

func newEngine(t *testing.T, edit func(*Config)) *Engine {
	t.Helper()
	base := 37000 + int(portBase.Add(1))*100
	alloc, err := portalloc.New(netip.MustParseAddr("127.0.0.1"), base, base+99)
	if err != nil {
		t.Fatal(err)
	}
	formats, _ := recording.ParseFormats([]string{"wav-pcm16"})
	cfg := Config{RTPAddr: netip.MustParseAddr("127.0.0.1"), TargetMs: 40, MaxMs: 300, ConcealMs: 60,
		RecordDir: t.TempDir(), Formats: formats, MaxCalls: 3}
	if edit != nil {
		edit(&cfg)
	}
	e, err := New(cfg, alloc, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func join(t *testing.T, e *Engine, id string, record bool) *Leg {
	t.Helper()
	l, err := e.Join(JoinRequest{Target: requri.Target{Kind: requri.Conference, ID: id, Record: record}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestJoinRefusesNewCallsBeyondCapacityAndWhileDraining(t *testing.T) {
	e := newEngine(t, nil)
	for _, id := range []string{"a", "b", "c"} {
		join(t, e, id, false)
	}
	if _, err := e.Join(JoinRequest{Target: requri.Target{ID: "d"}}); !errors.Is(err, ErrFull) {
		t.Fatalf("fourth call: %v, want ErrFull", err)
	}
	if e.Available() {
		t.Fatal("a full engine says it is available")
	}
	join(t, e, "c", false) // the second party of a call in progress is still let in
	e.Drain()
	if _, err := e.Join(JoinRequest{Target: requri.Target{ID: "d"}}); !errors.Is(err, ErrDraining) && !errors.Is(err, ErrFull) {
		t.Fatalf("join while draining: %v", err)
	}
}

func TestLegsOfOneConfIDShareAConferenceAndTheFirstIsOnTheLeft(t *testing.T) {
	e := newEngine(t, nil)
	a, b := join(t, e, "x", false), join(t, e, "x", false)
	other := join(t, e, "y", false)
	if a.Conference() != b.Conference() || a.Conference() == other.Conference() {
		t.Fatal("legs were not grouped by conf-id")
	}
	if a.side() != mixer.Left || b.side() != mixer.Right {
		t.Fatalf("sides %v %v, want left then right", a.side(), b.side())
	}
	a.Close("bye")
	c := join(t, e, "x", false)
	if c.side() != mixer.Left {
		t.Fatal("the left side was not given to the next leg after the left party left")
	}
	b.Close("bye")
	c.Close("bye")
	if e.Conference("x") != nil {
		t.Fatal("the conference outlived its last leg")
	}
}

func TestRecordingControlChecksItsState(t *testing.T) {
	e := newEngine(t, nil)
	c := join(t, e, "r", false).Conference()
	now := time.Now()
	if err := c.PauseRecording(now); !errors.Is(err, ErrNoRecording) {
		t.Fatalf("pause without recording: %v", err)
	}
	id, err := c.StartRecording(now, nil, "rec-1", recmeta.Meta{})
	if err != nil || id != "rec-1" {
		t.Fatalf("start: %q %v", id, err)
	}
	if _, err := c.StartRecording(now, nil, "", recmeta.Meta{}); !errors.Is(err, ErrRecording) {
		t.Fatalf("second start: %v", err)
	}
	if err := c.StopRecording(now, "terminate"); err != nil {
		t.Fatal(err)
	}
	if err := c.StopRecording(now, "terminate"); !errors.Is(err, ErrNoRecording) {
		t.Fatalf("second stop: %v", err)
	}
}

func TestFullTimeRecordingEndsWithTheLastRecordingLegAndDoesNotRestart(t *testing.T) {
	var done atomic.Int32
	e := newEngine(t, func(c *Config) {
		c.OnRecordingDone = func(recording.Result, error) { done.Add(1) }
	})
	rec := join(t, e, "f", true)
	plain := join(t, e, "f", false)
	c := rec.Conference()
	if _, err := c.StartRecording(time.Now(), nil, "", recmeta.Meta{}); err != nil {
		t.Fatal(err)
	}
	rec.Close("bye")
	if id, _ := c.Recording(); id != "" {
		t.Fatal("recording still running after the last recording leg left")
	}
	for i := 0; i < 5; i++ {
		c.tick(time.Now())
	}
	if id, _ := c.Recording(); id != "" {
		t.Fatal("a new recording started for the remaining non-recording leg")
	}
	plain.Close("bye")
	e.Close()
	if done.Load() != 1 {
		t.Fatalf("%d recordings finished, want 1", done.Load())
	}
	files, _ := filepath.Glob(filepath.Join(e.cfg.RecordDir, "*.wav"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
}
