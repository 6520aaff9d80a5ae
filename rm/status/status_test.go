package status

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/config"
)

func TestHandlerServesStatusMetricsAndHealth(t *testing.T) {
	pool := rm.NewPool([]config.RMGroup{config.MCPGroup("127.0.0.1:5070", "127.0.0.1:5072")})
	pool.Node("127.0.0.1:5072").SetState(rm.Draining)
	pool.Node("127.0.0.1:5072").Pause(time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC))
	rm.NewCalls().Join("", pool.Node("127.0.0.1:5070"))
	m := NewMetrics(pool)
	m.Attempt(pool.Node("127.0.0.1:5070"), "answered")
	srv := httptest.NewServer(Handler(pool, m, func() (bool, int) { return true, 7 }))
	defer srv.Close()

	var r Report
	getJSON(t, srv.URL+PathStatus, &r)
	want := NodeReport{Address: "127.0.0.1:5070", State: "up", Calls: 1, Legs: 1, Capacity: 500, LoadPercent: 0.2}
	if !r.Draining || r.Dialogs != 7 || r.Groups[0].Policy != "least-calls" || r.Groups[0].MCPs[0] != want ||
		r.Groups[0].MCPs[1].State != "draining" || r.Groups[0].MCPs[1].PausedUntil != "2099-01-02T03:04:05Z" {
		t.Errorf("status %+v", r)
	}
	body := get(t, srv.URL+PathMetrics)
	for _, s := range []string{NameMCPUp + `{mcp="127.0.0.1:5072",state="draining"} 1`, NameMCPCalls + `{mcp="127.0.0.1:5070"} 1`,
		NameAttempts + `{mcp="127.0.0.1:5070",outcome="answered"} 1`} {
		if !strings.Contains(body, s) {
			t.Errorf("/metrics lacks %s", s)
		}
	}
	if get(t, srv.URL+PathHealth) != "ok\n" {
		t.Error("/healthz")
	}
	if !strings.Contains(get(t, srv.URL+"/debug/pprof/"), "goroutine") {
		t.Error("/debug/pprof/ does not list the profiles")
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(get(t, url)), v); err != nil {
		t.Fatal(err)
	}
}
