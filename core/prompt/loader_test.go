package prompt

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/core/vxml/fetch"
)

// origin serves WAV files; a request for /gate waits for gate to close.
type origin struct {
	srv   *httptest.Server
	hits  atomic.Int32
	mu    sync.Mutex
	files map[string][]byte
	hdr   http.Header
	gate  chan struct{}
}

func newOrigin(t *testing.T, hdr http.Header) *origin {
	o := &origin{files: map[string][]byte{}, hdr: hdr}
	o.srv = httptest.NewServer(http.HandlerFunc(o.serve))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *origin) serve(w http.ResponseWriter, r *http.Request) {
	o.hits.Add(1)
	o.mu.Lock()
	b, ok := o.files[r.URL.Path]
	gate := o.gate
	o.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	for k, v := range o.hdr {
		w.Header()[k] = v
	}
	_, _ = w.Write(b)
}

func (o *origin) put(path string, b []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[path] = b
}

func (o *origin) req(t *testing.T, path string) fetch.Request {
	u, err := url.Parse(o.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return fetch.Request{URL: u, MaxAge: -1, MaxStale: -1}
}

func newLoader(roots ...string) *Loader {
	return NewLoader(fetch.New(fetch.Options{FileRoots: roots}), NewCache(0, 0), 0)
}

func mustLoad(t *testing.T, l *Loader, req fetch.Request) *Audio {
	t.Helper()
	a, err := l.Load(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestLoadFreshAudioIsFetchedAndDecodedOnce(t *testing.T) {
	o := newOrigin(t, http.Header{"Cache-Control": {"max-age=60"}})
	o.put("/hello.wav", pcmFile(1, ramp(800)).bytes())
	l := newLoader()
	first := mustLoad(t, l, o.req(t, "/hello.wav"))
	for range 4 {
		if mustLoad(t, l, o.req(t, "/hello.wav")) != first {
			t.Fatal("decoded again while fresh")
		}
	}
	equalSamples(t, first.Samples(), ramp(800))
	if o.hits.Load() != 1 {
		t.Fatalf("%d requests", o.hits.Load())
	}
}

// TestLoadRevalidatedAudioIsNotDecodedAgain: without freshness every Load
// asks the origin (VoiceXML's default), an unchanged body keeps the decoded
// audio, and a changed body is decoded anew.
func TestLoadRevalidatedAudioIsNotDecodedAgain(t *testing.T) {
	o := newOrigin(t, http.Header{"Cache-Control": {"no-cache"}})
	o.put("/a.wav", pcmFile(1, ramp(80)).bytes())
	l := newLoader()
	first := mustLoad(t, l, o.req(t, "/a.wav"))
	if mustLoad(t, l, o.req(t, "/a.wav")) != first || o.hits.Load() != 2 {
		t.Fatalf("unchanged body: %d requests, decoded again or not revalidated", o.hits.Load())
	}
	o.put("/a.wav", pcmFile(1, ramp(160)).bytes())
	if a := mustLoad(t, l, o.req(t, "/a.wav")); a.Len() != 160 {
		t.Fatalf("changed body: %d samples", a.Len())
	}
}

func TestLoadErrorsAreBadFetches(t *testing.T) {
	o := newOrigin(t, nil)
	o.put("/text.wav", []byte("<html>not audio</html>"))
	l := newLoader()
	_, err := l.Load(context.Background(), o.req(t, "/missing.wav"))
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Code != 404 {
		t.Fatalf("missing: %v", err)
	}
	_, err = l.Load(context.Background(), o.req(t, "/text.wav"))
	if !errors.Is(err, fetch.ErrFetch) || !errors.Is(err, ErrFormat) {
		t.Fatalf("not audio: %v", err)
	}
	if _, err := l.Load(context.Background(), fetch.Request{}); !errors.Is(err, fetch.ErrFetch) {
		t.Fatalf("no URL: %v", err)
	}
}

func TestLoadRemembersAFailureBriefly(t *testing.T) {
	o := newOrigin(t, nil)
	l := newLoader()
	for range 3 {
		_, _ = l.Load(context.Background(), o.req(t, "/down.wav"))
	}
	if o.hits.Load() != 1 {
		t.Fatalf("%d requests within the failure TTL", o.hits.Load())
	}
	now := l.cache.now()
	l.cache.now = func() time.Time { return now.Add(DefaultFailureTTL) }
	_, _ = l.Load(context.Background(), o.req(t, "/down.wav"))
	if o.hits.Load() != 2 {
		t.Fatalf("%d requests after the failure TTL", o.hits.Load())
	}
}

func TestLoadConcurrentCallersShareOneFetch(t *testing.T) {
	o := newOrigin(t, http.Header{"Cache-Control": {"max-age=60"}})
	o.put("/a.wav", pcmFile(1, ramp(80)).bytes())
	o.gate = make(chan struct{})
	l := newLoader()
	const n = 20
	got := make(chan *Audio, n)
	for range n {
		go func() { a, _ := l.Load(context.Background(), o.req(t, "/a.wav")); got <- a }()
	}
	for o.hits.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	for l.waiting("/a.wav") < n-1 {
		time.Sleep(time.Millisecond)
	}
	close(o.gate)
	first := <-got
	for range n - 1 {
		if a := <-got; a != first || a == nil {
			t.Fatal("callers got different or no audio")
		}
	}
	if o.hits.Load() != 1 {
		t.Fatalf("%d requests for %d concurrent loads", o.hits.Load(), n)
	}
}

func TestLoadReadsFilesOnlyUnderTheRoots(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "greeting.ul")
	if err := os.WriteFile(path, allCodes(), 0o600); err != nil {
		t.Fatal(err)
	}
	u := &url.URL{Scheme: "file", Path: path}
	if a := mustLoad(t, newLoader(dir), fetch.Request{URL: u}); a.Len() != 256 {
		t.Fatalf("%d samples", a.Len())
	}
	if _, err := newLoader().Load(context.Background(), fetch.Request{URL: u}); !errors.Is(err, fetch.ErrOutsideRoots) {
		t.Fatalf("outside the roots: %v", err)
	}
}

func TestSynthesizeCachesByVoiceAndText(t *testing.T) {
	l := newLoader()
	calls := 0
	synth := func(context.Context) (*Audio, error) { calls++; return NewAudio(ramp(80 * calls)) }
	a := mustSynth(t, l, "en", "hello", synth)
	if mustSynth(t, l, "en", "hello", synth) != a || calls != 1 {
		t.Fatalf("%d syntheses", calls)
	}
	if mustSynth(t, l, "de", "hello", synth) == a || mustSynth(t, l, "en", "hello!", synth) == a || calls != 3 {
		t.Fatalf("voice or text not in the key: %d syntheses", calls)
	}
}

func mustSynth(t *testing.T, l *Loader, voice, text string, synth func(context.Context) (*Audio, error)) *Audio {
	t.Helper()
	a, err := l.Synthesize(context.Background(), voice, text, synth)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// waiting counts the callers blocked on key's flight (for tests).
func (l *Loader) waiting(path string) int {
	l.cache.mu.Lock()
	defer l.cache.mu.Unlock()
	for k, f := range l.cache.flights {
		if filepath.Ext(k) == filepath.Ext(path) {
			return int(f.waiters.Load())
		}
	}
	return 0
}
