package spool

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// barrier lets n callers through only together; a caller that waits until
// its context ends reports that the others never came.
type barrier struct {
	mu      sync.Mutex
	waiting int
	n       int
	open    chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: n, open: make(chan struct{})} }

var errAlone = errors.New("barrier: the other deliveries never ran at the same time")

func (b *barrier) wait(ctx context.Context) error {
	b.mu.Lock()
	if b.waiting++; b.waiting == b.n {
		close(b.open)
	}
	b.mu.Unlock()
	select {
	case <-b.open:
		return nil
	case <-ctx.Done():
		return errAlone
	}
}

func TestDeliveryOrder(t *testing.T) {
	seq := &seqLog{}
	storeA, storeB := newFake("storage/a", Store, seq), newFake("storage/b", Store, seq)
	meta, analytics := newFake("metadata/rps", Metadata, seq), newFake("analytics/sm", Analytics, seq)
	both := newBarrier(2)
	var once sync.Map
	for _, d := range []*fakeDest{storeA, storeB} {
		d.before = func(ctx context.Context) error {
			if _, again := once.LoadOrStore(d.name, true); again {
				return nil
			}
			return both.wait(ctx)
		}
	}
	opts := fastOptions()
	opts.AttemptTimeout = time.Minute // bounds only the failure case: stores not in parallel
	h := openHarness(t, t.TempDir(), []Destination{meta, analytics, storeA, storeB}, opts)
	job := newJob(t, "rec-order", "a.mp3", "a.wav")
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)

	t.Run("the two stores ran at the same time", func(t *testing.T) {
		if storeA.callCount() != 2 || storeB.callCount() != 2 {
			t.Errorf("store calls %d and %d, want 2 each (no retry)", storeA.callCount(), storeB.callCount())
		}
	})
	t.Run("metadata came after every store and analytics after metadata", func(t *testing.T) {
		lastStore := slices.Max(append(slices.Clone(storeA.seqs), storeB.seqs...))
		if len(meta.seqs) != 1 || meta.seqs[0] <= lastStore || slices.Min(analytics.seqs) <= meta.seqs[0] {
			t.Errorf("stores %v %v, metadata %v, analytics %v", storeA.seqs, storeB.seqs, meta.seqs, analytics.seqs)
		}
	})
	t.Run("the metadata document names where each file was stored", func(t *testing.T) {
		checkStorageURIs(t, meta.docs[0], "a.mp3", "fake://storage/a/rec-order/a.mp3", "fake://storage/b/rec-order/a.mp3")
	})
	t.Run("the local files and the record are gone", func(t *testing.T) {
		if n := entries(t, h.s.l.dir(dirFiles)); len(n) != 0 {
			t.Errorf("files left: %v", n)
		}
		if n := entries(t, h.s.l.dir(dirJobs)); len(n) != 0 {
			t.Errorf("records left: %v", n)
		}
	})
}

// checkStorageURIs checks mediaDescriptor.storage of one file of a document.
func checkStorageURIs(t *testing.T, doc json.RawMessage, mediaID string, want ...string) {
	t.Helper()
	var d struct {
		MediaFiles []struct {
			MediaID         string `json:"mediaId"`
			MediaDescriptor struct {
				Storage []struct{ URI string } `json:"storage"`
			} `json:"mediaDescriptor"`
		} `json:"mediaFiles"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	for _, f := range d.MediaFiles {
		if f.MediaID != mediaID {
			continue
		}
		var got []string
		for _, s := range f.MediaDescriptor.Storage {
			got = append(got, s.URI)
		}
		if !slices.Equal(got, want) {
			t.Errorf("storage of %s: %v, want %v", mediaID, got, want)
		}
		return
	}
	t.Errorf("no mediaFiles entry for %s in %s", mediaID, doc)
}

func TestStoreFailingThenSucceedingDeliversOnce(t *testing.T) {
	store, meta := newFake("storage/flaky", Store, nil), newFake("metadata/rps", Metadata, nil)
	store.failFirst = 3
	h := openHarness(t, t.TempDir(), []Destination{store, meta}, fastOptions())
	job := newJob(t, "rec-flaky", "x.mp3", "x.wav")
	job.Document = json.RawMessage(`{"id":"rec-flaky","mediaFiles":[{"mediaId":"x.mp3","mediaDescriptor":{"storage":[{"uri":"file:///old"}],"encryption":{"format":"pkcs7"}}}]}`)
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	if store.delivered("rec-flaky/x.mp3") != 1 || store.delivered("rec-flaky/x.wav") != 1 || meta.delivered("rec-flaky") != 1 {
		t.Errorf("deliveries: %v, metadata %v", store.ok, meta.ok)
	}
	if n := h.events.count(Retrying); n != 3 {
		t.Errorf("%d retries, want 3", n)
	}
	st := h.s.Stats().Destinations["storage/flaky"]
	if st.Failed != 3 || st.OK != 2 {
		t.Errorf("stats %+v", st)
	}
	t.Run("fields of the document the spool does not own are kept", func(t *testing.T) {
		if !strings.Contains(string(meta.docs[0]), `"encryption":{"format":"pkcs7"}`) {
			t.Errorf("document %s", meta.docs[0])
		}
		checkStorageURIs(t, meta.docs[0], "x.mp3", "fake://storage/flaky/rec-flaky/x.mp3")
	})
}

func TestPermanentErrorDeadLettersAtOnce(t *testing.T) {
	good, bad := newFake("storage/good", Store, nil), newFake("storage/bad", Store, nil)
	meta := newFake("metadata/rps", Metadata, nil)
	bad.permanent = errors.New("403 Forbidden")
	h := openHarness(t, t.TempDir(), []Destination{good, bad, meta}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-403", "y.mp3")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, DeadLettered, 1)

	t.Run("List shows the dead letter with its reason and what succeeded", func(t *testing.T) {
		list, err := h.s.List(Filter{State: Dead})
		if err != nil || len(list) != 1 {
			t.Fatalf("list %+v, %v", list, err)
		}
		js := list[0]
		if !strings.Contains(js.Reason, "403 Forbidden") || !slices.Equal(js.Delivered, []string{"storage/good"}) ||
			!slices.Equal(js.Waiting, []string{"storage/bad", "metadata/rps"}) || js.Files != 1 {
			t.Errorf("summary %+v", js)
		}
	})
	t.Run("metadata was never posted and the file is kept", func(t *testing.T) {
		if meta.callCount() != 0 || bad.callCount() != 1 {
			t.Errorf("metadata calls %d, bad store calls %d", meta.callCount(), bad.callCount())
		}
		if n := entries(t, h.s.l.filesOf("rec-403")); !slices.Equal(n, []string{"y.mp3"}) {
			t.Errorf("files %v", n)
		}
		if st := h.s.Stats(); st.Dead != 1 || st.DeadLettered != 1 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("Retry delivers what is left, once", func(t *testing.T) {
		bad.set(func(f *fakeDest) { f.permanent = nil })
		if err := h.s.Retry("rec-403"); err != nil {
			t.Fatal(err)
		}
		h.events.waitFor(t, Completed, 1)
		if good.delivered("rec-403/y.mp3") != 1 || bad.delivered("rec-403/y.mp3") != 1 || meta.delivered("rec-403") != 1 {
			t.Errorf("good %v bad %v meta %v", good.ok, bad.ok, meta.ok)
		}
		if st := h.s.Stats(); st.Dead != 0 || st.Completed != 1 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("Retry of an unknown job is ErrNotFound", func(t *testing.T) {
		if err := h.s.Retry("rec-403"); !errors.Is(err, ErrNotFound) {
			t.Errorf("err = %v", err)
		}
	})
}

// clock runs with real time from a given start and can jump ahead.
type clock struct {
	mu    sync.Mutex
	start time.Time
	real  time.Time
	jump  time.Duration
}

func newClock(start time.Time) *clock { return &clock{start: start, real: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start.Add(time.Since(c.real) + c.jump)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.jump += d
}

func TestHorizonDeadLetters(t *testing.T) {
	clk := newClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	store := newFake("storage/down", Store, nil)
	store.failFirst = 1 << 30
	store.before = func(context.Context) error { clk.advance(25 * time.Hour); return nil }
	opts := fastOptions()
	opts.Horizon, opts.Now = 2*24*time.Hour, clk.Now
	h := openHarness(t, t.TempDir(), []Destination{store}, opts)
	if err := h.s.Submit(context.Background(), newJob(t, "rec-outage", "z.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, DeadLettered, 1)
	j, err := h.s.Show("rec-outage")
	if err != nil {
		t.Fatal(err)
	}
	if j.State != Dead || j.Attempts != 2 || !strings.Contains(j.Reason, ErrHorizon.Error()) || !strings.Contains(j.Reason, "503") {
		t.Errorf("state %s after %d attempts, reason %q", j.State, j.Attempts, j.Reason)
	}
	if n := h.events.count(Retrying); n != 1 {
		t.Errorf("%d retries before the horizon, want 1", n)
	}
}

func TestMissingLocalFileDeadLetters(t *testing.T) {
	store := newFake("storage/s", Store, nil)
	h := openHarness(t, t.TempDir(), []Destination{store}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-gone", "g.wav")); err != nil {
		t.Fatal(err)
	}
	if err := removeFile(h.s.l.file("rec-gone", "g.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, DeadLettered, 1)
	j, _ := h.s.Show("rec-gone")
	if !strings.Contains(j.Reason, ErrLocalFile.Error()) || store.callCount() != 0 {
		t.Errorf("reason %q, %d calls", j.Reason, store.callCount())
	}
}

func TestSelectorsAndTargets(t *testing.T) {
	store, other := newFake("storage/s", Store, nil), newFake("storage/other-tenant", Store, nil)
	meta, sm := newFake("metadata/rps", Metadata, nil), newFake("analytics/sm", Analytics, nil)
	sm.wants = func(f FileRef) bool { return strings.HasSuffix(f.Name, ".wav") }
	h := openHarness(t, t.TempDir(), []Destination{store, other, meta, sm}, fastOptions())
	job := newJob(t, "rec-sel", "s.mp3", "s.wav")
	job.Targets = []string{"storage/s", "metadata/rps", "analytics/sm"}
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	if other.callCount() != 0 || sm.delivered("rec-sel/s.wav") != 1 || sm.callCount() != 1 || store.callCount() != 2 {
		t.Errorf("other %d calls; analytics %v; store %d calls", other.callCount(), sm.ok, store.callCount())
	}
}

func TestKeepLocal(t *testing.T) {
	store := newFake("storage/s", Store, nil)
	opts := fastOptions()
	opts.KeepLocal = true
	h := openHarness(t, t.TempDir(), []Destination{store}, opts)
	if err := h.s.Submit(context.Background(), newJob(t, "rec-keep", "k.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	list, _ := h.s.List(Filter{State: Done})
	if len(list) != 1 || !exists(h.s.l.file("rec-keep", "k.wav")) {
		t.Errorf("done jobs %+v; file kept: %v", list, exists(h.s.l.file("rec-keep", "k.wav")))
	}
}

func TestPanickingDestinationIsRetried(t *testing.T) {
	store := newFake("storage/buggy", Store, nil)
	var once sync.Once
	store.before = func(context.Context) error {
		once.Do(func() { panic("nil map") })
		return nil
	}
	h := openHarness(t, t.TempDir(), []Destination{store}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-panic", "p.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	if store.delivered("rec-panic/p.wav") != 1 || h.events.count(Retrying) != 1 {
		t.Errorf("delivered %v after %d retries", store.ok, h.events.count(Retrying))
	}
}

// TestEveryFailedAttemptIsLoggedOnce: a WebDAV outage used to leave no line
// for 11 failed attempts; each now says which destination failed, why, and
// when the next attempt is.
func TestEveryFailedAttemptIsLoggedOnce(t *testing.T) {
	store, other := newFake("storage/down", Store, nil), newFake("storage/up", Store, nil)
	store.failFirst = 3
	var out bytes.Buffer
	var mu sync.Mutex
	opts := fastOptions()
	opts.Log = slog.New(slog.NewJSONHandler(lockedWriter{&mu, &out}, nil))
	h := openHarness(t, t.TempDir(), []Destination{store, other}, opts)
	if err := h.s.Submit(context.Background(), newJob(t, "rec-down", "x.mp3")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	mu.Lock()
	defer mu.Unlock()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if rec["msg"] == "spool: delivery attempt failed" {
			lines = append(lines, rec)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("%d lines for 3 failed attempts:\n%s", len(lines), out.String())
	}
	for _, rec := range lines {
		dests, _ := rec["destinations"].([]any)
		if len(dests) != 1 || dests[0] != "storage/down" || !strings.Contains(rec["err"].(string), errOutage.Error()) ||
			rec["next_attempt"] == "" || rec["recording_id"] != "rec-down" {
			t.Errorf("line %v", rec)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
