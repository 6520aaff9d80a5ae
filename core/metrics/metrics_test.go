package metrics

import (
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// touch gives every vector one child so that every family is exposed.
func touch(m *Metrics) {
	m.CallsTotal.WithLabelValues("completed").Inc()
	m.LegsEnded.WithLabelValues("bye").Inc()
	m.RecordingsTotal.WithLabelValues("completed").Inc()
	m.SIPRequests.WithLabelValues("INVITE", "200").Inc()
	m.TickDuration.Observe(0.003)
}

func TestRegistryHoldsExactlyTheNamedMetrics(t *testing.T) {
	m := New()
	touch(m)
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range families {
		if name := f.GetName(); !strings.HasPrefix(name, "go_") && !strings.HasPrefix(name, "process_") {
			got = append(got, name)
		}
	}
	want := Names()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("registered %v\nwant %v", got, want)
	}
}

func TestEachNewHasItsOwnRegistry(t *testing.T) {
	a, b := New(), New()
	a.CallsActive.Set(3)
	if body := scrape(t, b); strings.Contains(body, NameCallsActive+" 3") {
		t.Error("a's gauge shows up in b's registry")
	}
	if body := scrape(t, a); !strings.Contains(body, NameCallsActive+" 3") {
		t.Errorf("a's registry lacks %s 3", NameCallsActive)
	}
}

func TestHandlerServesCountersWithLabelsAndRuntimeMetrics(t *testing.T) {
	m := New()
	touch(m)
	body := scrape(t, m)
	for _, want := range []string{
		`reel_sip_requests_total{method="INVITE",status="200"} 1`,
		`reel_legs_ended_total{reason="bye"} 1`,
		`reel_tick_duration_seconds_bucket{le="0.005"} 1`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestLabelledChildrenDoNotAllocate(t *testing.T) {
	c := New().CallsTotal.WithLabelValues("completed")
	if n := testing.AllocsPerRun(100, func() { c.Inc() }); n != 0 {
		t.Errorf("Inc on a child allocates %v times", n)
	}
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != 200 {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	return string(body)
}
