package httpapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/core/metrics"
)

// start runs a server on a free loopback port and shuts it down after the test.
func start(t *testing.T, s *Server) string {
	t.Helper()
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return "http://" + s.Addr()
}

// get returns the status and trimmed body of GET url.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(body))
}

func TestHealthzIsOKWhileRunning(t *testing.T) {
	base := start(t, New("127.0.0.1:0", nil, nil, nil))
	if code, body := get(t, base+PathHealth); code != 200 || body != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 ok", code, body)
	}
}

func TestReadyzFollowsTheReadyFunction(t *testing.T) {
	var draining atomic.Bool
	ready := func() error {
		if draining.Load() {
			return errors.New("draining: 3 calls left")
		}
		return nil
	}
	base := start(t, New("127.0.0.1:0", nil, ready, nil))
	if code, _ := get(t, base+PathReady); code != 200 {
		t.Errorf("ready: GET /readyz = %d, want 200", code)
	}
	draining.Store(true)
	if code, body := get(t, base+PathReady); code != 503 || body != "draining: 3 calls left" {
		t.Errorf("draining: GET /readyz = %d %q, want 503 with the error", code, body)
	}
	if code, _ := get(t, base+PathHealth); code != 200 {
		t.Errorf("draining: GET /healthz = %d, want 200 (alive, just not ready)", code)
	}
}

func TestReadyzStaysOKForAWarningAndSaysIt(t *testing.T) {
	ready := func() error { return Warning(errors.New("profile bank: 2 recordings wait")) }
	base := start(t, New("127.0.0.1:0", nil, ready, nil))
	if code, body := get(t, base+PathReady); code != 200 || body != "ready; profile bank: 2 recordings wait" {
		t.Errorf("GET /readyz = %d %q, want 200 with the warning", code, body)
	}
}

func TestMetricsServesTheRegistry(t *testing.T) {
	m := metrics.New()
	m.CallsActive.Set(2)
	base := start(t, New("127.0.0.1:0", m, nil, nil))
	if code, body := get(t, base+PathMetrics); code != 200 || !strings.Contains(body, metrics.NameCallsActive+" 2") {
		t.Errorf("GET /metrics = %d, body lacks %s 2", code, metrics.NameCallsActive)
	}
}

func TestWithoutMetricsThereIsNoMetricsRoute(t *testing.T) {
	base := start(t, New("127.0.0.1:0", nil, nil, nil))
	if code, _ := get(t, base+PathMetrics); code != 404 {
		t.Errorf("GET /metrics = %d, want 404", code)
	}
}

func TestExtraRoutesAreServed(t *testing.T) {
	calls := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "[]") })
	base := start(t, New("127.0.0.1:0", nil, nil, map[string]http.Handler{"GET /api/calls": calls}))
	if code, body := get(t, base+"/api/calls"); code != 200 || body != "[]" {
		t.Errorf("GET /api/calls = %d %q", code, body)
	}
}

func TestHealthzRefusesOtherMethods(t *testing.T) {
	base := start(t, New("127.0.0.1:0", nil, nil, nil))
	resp, err := http.Post(base+PathHealth, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz = %d, want 405", resp.StatusCode)
	}
}

func TestStartReportsABindErrorAtOnce(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	s := New(busy.Addr().String(), nil, nil, nil)
	if err := s.Start(); err == nil {
		t.Fatal("Start on a port in use succeeded")
	}
	if s.Addr() != "" {
		t.Errorf("Addr() = %q after a failed Start, want empty", s.Addr())
	}
}

func TestStartTwiceIsAnError(t *testing.T) {
	s := New("127.0.0.1:0", nil, nil, nil)
	start(t, s)
	if err := s.Start(); !errors.Is(err, ErrStarted) {
		t.Errorf("second Start = %v, want ErrStarted", err)
	}
}

func TestShutdownStopsServingAndIsIdempotent(t *testing.T) {
	s := New("127.0.0.1:0", nil, nil, nil)
	if err := s.Shutdown(context.Background()); err != nil {
		t.Errorf("Shutdown before Start = %v", err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	addr := s.Addr()
	for range 2 {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown = %v", err)
		}
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Errorf("%s still accepts connections after Shutdown", addr)
	}
}

func TestShutdownClosesRequestsThatOutliveTheContext(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	s := New("127.0.0.1:0", nil, nil, map[string]http.Handler{"/slow": slow})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		if resp, err := http.Get("http://" + s.Addr() + "/slow"); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := s.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v, want DeadlineExceeded", err)
	}
}
