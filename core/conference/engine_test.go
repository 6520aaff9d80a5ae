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

func TestFirstAudioRecordingEndsWithTheLastRecordingLegAndDoesNotRestart(t *testing.T) {
	h := newTestHost(t, true)
	e := newEngine(t, func(c *Config) { c.Host = h })
	rec := join(t, e, "f", true)
	plain := join(t, e, "f", false)
	c := rec.Conference()
	c.mu.Lock()
	_, err := c.startLocked(time.Now(), c.plan.Formats, "", "", "", c.plan.Meta, true) // as the tick does at the first audio
	c.mu.Unlock()
	if err != nil {
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
	if n := len(h.finished); n != 1 {
		t.Fatalf("%d recordings finished, want 1", n)
	}
	files, _ := filepath.Glob(filepath.Join(h.dir, "*.wav"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
}

// testHost is a Host writing to a temporary folder that keeps every
// Finished it is told about.
type testHost struct {
	dir        string
	formats    []recording.Format
	firstAudio bool
	finished   chan Finished
	prepared   chan recmeta.Meta
}

func newTestHost(t *testing.T, firstAudio bool) *testHost {
	formats, _ := recording.ParseFormats([]string{"wav-pcm16"})
	return &testHost{dir: t.TempDir(), formats: formats, firstAudio: firstAudio,
		finished: make(chan Finished, 16), prepared: make(chan recmeta.Meta, 16)}
}

func (h *testHost) Plan(t requri.Target) Plan {
	return Plan{Formats: h.formats, Meta: recmeta.Meta{Parameters: t.Params}, FirstAudio: h.firstAudio}
}

func (h *testHost) Prepare(_ string, _ time.Time, m recmeta.Meta) string {
	h.prepared <- m
	return h.dir
}

func (h *testHost) Done(f Finished) { h.finished <- f }
