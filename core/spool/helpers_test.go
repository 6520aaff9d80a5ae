package spool

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// seqLog numbers deliveries across destinations, to check their order.
type seqLog struct{ n atomic.Int64 }

// fakeDest is an in-process destination that remembers what it got.
type fakeDest struct {
	name string
	step Step
	seq  *seqLog

	mu        sync.Mutex
	calls     int               // Deliver calls
	ok        map[string]int    // successful deliveries by "<id>/<file>"
	seqs      []int64           // sequence numbers of the successful ones
	docs      []json.RawMessage // metadata documents received
	failFirst int               // fail this many calls (retryable) first
	permanent error             // fail every call with Permanent(permanent)
	before    func(ctx context.Context) error
	wants     func(FileRef) bool // nil: every file
}

func newFake(name string, step Step, seq *seqLog) *fakeDest {
	return &fakeDest{name: name, step: step, seq: seq, ok: map[string]int{}}
}

func (f *fakeDest) Name() string { return f.name }
func (f *fakeDest) Step() Step   { return f.step }

func (f *fakeDest) Wants(file FileRef) bool { return f.wants == nil || f.wants(file) }

var errOutage = errors.New("503 service unavailable")

func (f *fakeDest) Deliver(ctx context.Context, job JobView, file *FileRef) (string, error) {
	if f.before != nil {
		if err := f.before(ctx); err != nil {
			return "", err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	switch {
	case f.permanent != nil:
		return "", Permanent(f.permanent)
	case f.failFirst > 0:
		f.failFirst--
		return "", errOutage
	}
	key := job.RecordingID
	if file != nil {
		key += "/" + file.Name
	} else {
		f.docs = append(f.docs, job.Document)
	}
	f.ok[key]++
	if f.seq != nil {
		f.seqs = append(f.seqs, f.seq.n.Add(1))
	}
	return "fake://" + f.name + "/" + key, nil
}

// delivered returns how often key was delivered successfully.
func (f *fakeDest) delivered(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ok[key]
}

func (f *fakeDest) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeDest) set(change func(f *fakeDest)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f)
}

// eventLog collects the spool's events for the tests to wait on.
type eventLog struct {
	mu     sync.Mutex
	events []Event
	poke   chan struct{}
}

func newEventLog() *eventLog { return &eventLog{poke: make(chan struct{}, 1)} }

func (l *eventLog) add(e Event) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
	select {
	case l.poke <- struct{}{}:
	default:
	}
}

func (l *eventLog) count(kind EventKind) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// hangGuard only turns a hang into a readable failure; nothing is timed.
const hangGuard = 2 * time.Minute

// waitFor blocks until n events of kind happened.
func (l *eventLog) waitFor(t testing.TB, kind EventKind, n int) {
	t.Helper()
	guard := time.After(hangGuard)
	for l.count(kind) < n {
		select {
		case <-l.poke:
		case <-guard:
			t.Fatalf("still waiting for %d events of kind %d, have %d", n, kind, l.count(kind))
		}
	}
}

// harness runs a Spool for a test.
type harness struct {
	s      *Spool
	events *eventLog
	cancel context.CancelFunc
	done   chan error
}

// fastOptions makes back-off tiny so retries happen at once.
func fastOptions() Options {
	return Options{BackoffBase: time.Millisecond, BackoffMax: 4 * time.Millisecond}
}

func openHarness(t testing.TB, dir string, dests []Destination, opts Options) *harness {
	t.Helper()
	h := &harness{events: newEventLog()}
	if opts.Notify == nil {
		opts.Notify = h.events.add
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	s, err := Open(dir, dests, opts)
	if err != nil {
		t.Fatal(err)
	}
	h.s = s
	t.Cleanup(h.stop)
	return h
}

func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- h.s.Run(ctx) }()
}

// stop ends Run and closes the spool; safe to call twice.
func (h *harness) stop() {
	if h.cancel != nil {
		h.cancel()
		<-h.done
		h.cancel = nil
	}
	h.s.Close()
}

// makeFile writes n random bytes to dir/name.
func makeFile(t testing.TB, dir, name string, n int) string {
	t.Helper()
	b := make([]byte, n)
	rand.Read(b)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o640); err != nil {
		t.Fatal(err)
	}
	return p
}

// newJob makes a job with files of the given names in a fresh folder.
func newJob(t testing.TB, id string, names ...string) Job {
	t.Helper()
	dir := t.TempDir()
	j := Job{ID: id}
	var media []string
	for _, n := range names {
		j.Files = append(j.Files, FileRef{Name: n, Path: makeFile(t, dir, n, 1000), ContentType: "audio/wav"})
		media = append(media, fmt.Sprintf(`{"mediaId":%q}`, n))
	}
	j.Document = json.RawMessage(fmt.Sprintf(`{"id":%q,"mediaFiles":[%s]}`, id, strings.Join(media, ",")))
	return j
}

func entries(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func removeFile(p string) error { return os.Remove(p) }

// dirStore is a storage destination backed by a folder, standing in for a
// remote store that outlives the process: it checks size and SHA-256 like
// a real plugin, logs every upload in puts.log and answers Stat.
type dirStore struct {
	name string
	root string
	// hang makes Deliver, once the upload is stored and logged, mark it
	// with the file "uploaded" and never answer: the crash test kills the
	// process there.
	hang bool
}

func (d *dirStore) Name() string { return d.name }
func (d *dirStore) Step() Step   { return Store }

func (d *dirStore) Deliver(ctx context.Context, job JobView, f *FileRef) (string, error) {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return "", err
	}
	if sum := sha256.Sum256(b); int64(len(b)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
		return "", Permanent(fmt.Errorf("DATA_LOSS: %s", f.Name))
	}
	to := filepath.Join(d.root, job.RecordingID, f.Name)
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return "", err
	}
	if err := writeAtomic(to, b); err != nil {
		return "", err
	}
	if err := appendLine(filepath.Join(d.root, "puts.log"), job.RecordingID+"/"+f.Name); err != nil {
		return "", err
	}
	if d.hang {
		os.WriteFile(filepath.Join(d.root, "uploaded"), nil, 0o640)
		<-ctx.Done()
		return "", ctx.Err()
	}
	return "file://" + to, nil
}

func (d *dirStore) Stat(_ context.Context, job JobView, f *FileRef) (string, bool, error) {
	to := filepath.Join(d.root, job.RecordingID, f.Name)
	b, err := os.ReadFile(to)
	if errors.Is(err, os.ErrNotExist) {
		return "", false, nil
	}
	sum := sha256.Sum256(b)
	return "file://" + to, err == nil && int64(len(b)) == f.Size && hex.EncodeToString(sum[:]) == f.SHA256, err
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(line + "\n")
	return errors.Join(werr, f.Sync(), f.Close())
}

func readLines(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}
