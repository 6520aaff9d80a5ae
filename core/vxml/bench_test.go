package vxml_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// menuApp is a five-step menu application: m1 → m2 → … → m5 → m1.
func menuApp() string {
	var b strings.Builder
	b.WriteString(head + `<var name="steps" expr="0"/>`)
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, `<menu id="m%d" dtmf="true"><prompt>Menu %d. <enumerate/></prompt>`, i, i)
		for c := 1; c <= 4; c++ {
			fmt.Fprintf(&b, `<choice next="#m%d">option %d of menu %d</choice>`, i%5+1, c, i)
		}
		b.WriteString(`</menu>`)
	}
	b.WriteString(`</vxml>`)
	return b.String()
}

// cachedServer serves documents with a long max-age.
func cachedServer(tb testing.TB, files map[string]string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		io.WriteString(w, files[r.URL.Path])
	}))
	tb.Cleanup(srv.Close)
	return srv.URL
}

type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

func newSession(f *fetch.Fetcher) *vxml.Session {
	return vxml.New(context.Background(), vxml.Config{Fetcher: f, Clock: &fixedClock{t: time.Unix(1e9, 0)}})
}

func TestCachedDocumentIsNotParsedAgain(t *testing.T) {
	base := cachedServer(t, map[string]string{"/menu.vxml": menuApp()})
	f := fetch.New(fetch.Options{})
	newSession(f).Start(base + "/menu.vxml")
	before := doc.Parses()
	for i := 0; i < 5; i++ {
		s := newSession(f)
		s.Start(base + "/menu.vxml")
		if s.Wait().Kind != vxml.WaitInput {
			t.Fatal("the menu is not waiting for input")
		}
	}
	if n := doc.Parses() - before; n != 0 {
		t.Fatalf("%d parses for 5 new sessions on a cached document, want 0", n)
	}
}

// reportCPU adds the process CPU time per operation: on a shared machine
// wall time per operation includes waiting for a CPU.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e3, "cpu-µs/op")
}

func BenchmarkNewSession(b *testing.B) {
	f := fetch.New(fetch.Options{})
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		newSession(f)
	}
}

// BenchmarkMenuStep is one menu step: a digit in, the next menu's prompt
// queued, on a cached document.
func BenchmarkMenuStep(b *testing.B) {
	base := cachedServer(b, map[string]string{"/menu.vxml": menuApp()})
	s := newSession(fetch.New(fetch.Options{}))
	s.Start(base + "/menu.vxml")
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		acts, err := s.Handle(vxml.DTMF{Key: '1'})
		if err != nil || len(acts) == 0 {
			b.Fatalf("step: %v, %d actions", err, len(acts))
		}
	}
}

// BenchmarkConcurrentSessions2000 runs 2,000 sessions of the five-step menu
// application in one process, stepped from all CPUs, and reports CPU per
// step and heap per session.
func BenchmarkConcurrentSessions2000(b *testing.B) {
	const n = 2000
	base := cachedServer(b, map[string]string{"/menu.vxml": menuApp()})
	f := fetch.New(fetch.Options{})
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	sessions := make([]*vxml.Session, n)
	for i := range sessions {
		sessions[i] = newSession(f)
		sessions[i].Start(base + "/menu.vxml")
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < b.N; i += workers {
				// each worker owns the sessions ≡ w mod workers
				s := sessions[(i/workers*workers+w)%n]
				if _, err := s.Handle(vxml.DTMF{Key: '2'}); err != nil {
					b.Error(err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e3, "cpu-µs/step")
	b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/n/1024, "heap-KB/session")
	runtime.KeepAlive(sessions)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
