package tone

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeLoads replaces a Cache's Load: it counts calls per URI, fails URIs
// starting with "bad", and, while gate is non-nil, blocks until gate closes.
type fakeLoads struct {
	mu    sync.Mutex
	calls map[string]int
	gate  chan struct{}
	ctxOK atomic.Bool // the last Load's context was still live when it finished
}

func newFakeCache(opts ...CacheOption) (*Cache, *fakeLoads, *time.Time) {
	f := &fakeLoads{calls: map[string]int{}}
	now := time.Unix(1_000_000, 0)
	c := NewCache(LoadOptions{}, opts...)
	c.now = func() time.Time { return now }
	c.load = f.load
	return c, f, &now
}

func (f *fakeLoads) load(ctx context.Context, uri string, _ LoadOptions) (*Source, error) {
	f.mu.Lock()
	f.calls[uri]++
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	f.ctxOK.Store(ctx.Err() == nil)
	if strings.HasPrefix(uri, "bad") {
		return nil, fmt.Errorf("%w: %s", ErrFetch, uri)
	}
	return NewSource(ramp(len(uri)))
}

func (f *fakeLoads) count(uri string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[uri]
}

// waiters returns how many Gets wait for uri's entry.
func (c *Cache) waitersFor(uri string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[uri]; ok {
		return e.waiters
	}
	return 0
}

func TestCacheServesWithinTTLAndRefetchesAfter(t *testing.T) {
	c, f, now := newFakeCache(WithTTL(time.Minute))
	first := mustGet(t, c, "u1")
	*now = now.Add(59 * time.Second)
	if mustGet(t, c, "u1") != first || f.count("u1") != 1 {
		t.Fatalf("refetched within the TTL: %d loads", f.count("u1"))
	}
	*now = now.Add(time.Second)
	if mustGet(t, c, "u1") == first || f.count("u1") != 2 {
		t.Fatalf("not refetched at the TTL: %d loads", f.count("u1"))
	}
}

func TestCacheDefaultTTLIsTenMinutes(t *testing.T) {
	c, f, now := newFakeCache()
	mustGet(t, c, "u1")
	*now = now.Add(10*time.Minute - time.Nanosecond)
	mustGet(t, c, "u1")
	*now = now.Add(time.Nanosecond)
	mustGet(t, c, "u1")
	if f.count("u1") != 2 {
		t.Fatalf("%d loads", f.count("u1"))
	}
}

func TestCacheRemembersFailuresBriefly(t *testing.T) {
	c, f, now := newFakeCache()
	for range 3 {
		if _, err := c.Get(context.Background(), "bad1"); !errors.Is(err, ErrFetch) {
			t.Fatal(err)
		}
	}
	if f.count("bad1") != 1 {
		t.Fatalf("%d loads within the failure TTL", f.count("bad1"))
	}
	*now = now.Add(DefaultFailureTTL)
	_, _ = c.Get(context.Background(), "bad1")
	if f.count("bad1") != 2 {
		t.Fatalf("%d loads after the failure TTL", f.count("bad1"))
	}
}

func TestCacheWithoutFailureTTLRetriesEveryGet(t *testing.T) {
	c, f, _ := newFakeCache(WithFailureTTL(0))
	for range 3 {
		_, _ = c.Get(context.Background(), "bad1")
	}
	if f.count("bad1") != 3 {
		t.Fatalf("%d loads", f.count("bad1"))
	}
}

func TestCacheConcurrentGetsShareOneLoad(t *testing.T) {
	c, f, _ := newFakeCache(WithFailureTTL(0)) // a later Get would load again
	f.gate = make(chan struct{})
	const n = 20
	errs := make(chan error, n)
	for range n {
		go func() { _, err := c.Get(context.Background(), "bad1"); errs <- err }()
	}
	for c.waitersFor("bad1") < n {
		time.Sleep(time.Millisecond)
	}
	close(f.gate)
	for range n {
		if err := <-errs; !errors.Is(err, ErrFetch) {
			t.Fatal(err)
		}
	}
	if f.count("bad1") != 1 {
		t.Fatalf("%d loads for %d concurrent Gets", f.count("bad1"), n)
	}
}

func TestCacheCallerGivingUpDoesNotCancelTheLoad(t *testing.T) {
	c, f, _ := newFakeCache()
	f.gate = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Get(ctx, "u1"); done <- err }()
	for c.waitersFor("u1") < 1 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	close(f.gate)
	mustGet(t, c, "u1")
	if f.count("u1") != 1 || !f.ctxOK.Load() {
		t.Fatalf("%d loads, load context live: %v", f.count("u1"), f.ctxOK.Load())
	}
}

func TestCacheEvictsTheSoonestExpiringEntry(t *testing.T) {
	c, f, now := newFakeCache(WithMaxEntries(2))
	mustGet(t, c, "u1")
	*now = now.Add(time.Second)
	mustGet(t, c, "u2")
	mustGet(t, c, "u3") // evicts u1
	mustGet(t, c, "u2")
	mustGet(t, c, "u1")
	if f.count("u1") != 2 || f.count("u2") != 1 || len(c.entries) != 2 {
		t.Fatalf("u1 %d loads, u2 %d, %d entries", f.count("u1"), f.count("u2"), len(c.entries))
	}
}

func TestCacheIsSafeForConcurrentUse(t *testing.T) {
	c, _, _ := newFakeCache(WithMaxEntries(3), WithFailureTTL(0))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				uri := []string{"u1", "u22", "bad3", "u444", "u5555"}[(g+i)%5]
				src, err := c.Get(context.Background(), uri)
				if (err != nil) != (uri == "bad3") || (err == nil && src.Len() != len(uri)) {
					t.Errorf("%s: %v", uri, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCacheLoadsOverHTTPOnce(t *testing.T) {
	var hits atomic.Int32
	body := pcmFile(1, ramp(800)).bytes()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		_, _ = w.Write(body)
	}))
	defer s.Close()
	c := NewCache(LoadOptions{})
	for range 5 {
		if src := mustGet(t, c, s.URL+"/beep.wav"); src.Len() != 800 {
			t.Fatalf("Len %d", src.Len())
		}
	}
	if hits.Load() != 1 {
		t.Fatalf("%d requests", hits.Load())
	}
}

func mustGet(t *testing.T, c *Cache, uri string) *Source {
	t.Helper()
	src, err := c.Get(context.Background(), uri)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
