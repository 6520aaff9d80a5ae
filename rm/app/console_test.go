package app_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/rm/config"
)

// TestClusterConsoleShowsEveryMCPAndTheLiveCall runs reel-rm in front of
// two reel-mcp processes with their admin URLs, places a call through it,
// and reads the cluster page, its event stream and the cluster-wide calls.
func TestClusterConsoleShowsEveryMCPAndTheLiveCall(t *testing.T) {
	mcps := []*mcpProc{startMCP(t), startMCP(t)}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{10, 10}, func(c *config.RM) {
		for i, m := range mcps {
			c.Groups[0].MCPs[i].Admin = "http://127.0.0.1:" + strconv.Itoa(m.http)
		}
	})
	base := "http://" + r.HTTPAddr() + "/console/"
	emu, err := sipemu.New(r.sip, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := placeCall(ctx, emu, "console-conf", [2]*testRM{r, r}, mcps)
	defer c.close()
	if err != nil {
		t.Fatal(err)
	}
	talked := make(chan error, 1)
	go func() { talked <- c.talk(3) }()

	var rows []struct {
		Address, State, CPU, DiskFree string
		Calls                         int
	}
	events := stream(t, base+"cluster/events")
	for deadline := time.Now().Add(10 * time.Second); ; {
		if err := json.Unmarshal([]byte(events.next(t)), &rows); err != nil {
			t.Fatal(err)
		}
		if len(rows) == 2 && rows[0].Calls+rows[1].Calls == 1 && rows[0].CPU != "—" && rows[1].CPU != "—" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster rows after 10 s: %+v", rows)
		}
	}
	for _, row := range rows {
		if row.State != "up" || !strings.HasSuffix(row.DiskFree, " GB") {
			t.Errorf("row %+v: want up with its disk free", row)
		}
	}
	code, page := httpGet(t, base+"cluster")
	if code != 200 || !strings.Contains(page, mcps[0].addr()) || !strings.Contains(page, mcps[1].addr()) {
		t.Errorf("cluster page %d lacks the MCPs:\n%s", code, page)
	}
	var report calls.Report
	callEvents := stream(t, base+"calls/events")
	for deadline := time.Now().Add(10 * time.Second); (len(report.Calls) == 0 || len(report.Calls[0].Legs) < 2) && time.Now().Before(deadline); {
		if err := json.Unmarshal([]byte(callEvents.next(t)), &report); err != nil {
			t.Fatal(err)
		}
	}
	if len(report.Calls) != 1 || !strings.HasSuffix(report.Calls[0].ID, " console-conf") || len(report.Calls[0].Legs) != 2 {
		t.Errorf("cluster calls: %+v", report.Calls)
	}
	if code, page := httpGet(t, base+"calls"); code != 200 || !strings.Contains(page, "console-conf") {
		t.Errorf("calls page %d lacks the call", code)
	}
	if err := <-talked; err != nil {
		t.Error(err)
	}
	if err := c.hangUp(ctx); err != nil {
		t.Error(err)
	}
}

// events reads server-sent events.
type events struct{ sc *bufio.Scanner }

func stream(t *testing.T, url string) events {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %s %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	return events{bufio.NewScanner(resp.Body)}
}

// next returns the data of the next event.
func (e events) next(t *testing.T) string {
	t.Helper()
	for e.sc.Scan() {
		if data, ok := strings.CutPrefix(e.sc.Text(), "data: "); ok {
			return data
		}
	}
	t.Fatalf("event stream ended: %v", e.sc.Err())
	return ""
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
