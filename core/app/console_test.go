package app

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// TestAPausedCallIsFoundPlayedAndDrawnThroughTheConsoleAPI records a real
// call paused by MSML from 1 s to 2 s, then looks at it the way the console
// does: /calls while paused, the recordings API by DN, its WAV by range,
// its waveform with the paused span; with a read-only token, which may not
// retry.
func TestAPausedCallIsFoundPlayedAndDrawnThroughTheConsoleAPI(t *testing.T) {
	const operator, reader = "mcp-operator-token-0123456789", "mcp-reader-token-0123456789"
	dir := t.TempDir()
	opFile, rdFile := filepath.Join(dir, "op"), filepath.Join(dir, "rd")
	for p, tok := range map[string]string{opFile: operator, rdFile: reader} {
		if err := os.WriteFile(p, []byte(tok+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Logged nowhere: sipgo logs from its goroutines after the test.
	m := newMCPLogging(t, func(c *config.MCP) { c.HTTP.TokenFile, c.HTTP.ReadTokenFile = opFile, rdFile },
		slog.New(slog.DiscardHandler))
	stop := runMCP(t, m)
	t.Cleanup(func() { _ = stop() })
	udp, _ := m.SIPAddr()
	addr := udp.String()
	base := "http://" + m.HTTPAddr()
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "console-call", ""))
	tk := talk(t, c)
	dialog := "conf:console-call/dialog:rec"
	ok(t, c.a, startBody("conf:console-call", "audio/wav", "CONSOLE-REC"))
	tk.at(time.Second)
	ok(t, c.a, sendBody(dialog, "pause"))
	var report calls.Report
	getJSON(t, base+calls.Path, reader, &report)
	if len(report.Calls) != 1 || report.Calls[0].Recording == nil || report.Calls[0].Recording.State != "paused" {
		t.Errorf("GET /calls right after the pause: %+v", report.Calls)
	}
	tk.at(2 * time.Second)
	ok(t, c.a, sendBody(dialog, "app.resume"))
	tk.at(3 * time.Second)
	ok(t, c.a, endBody(dialog))
	tk.end(t)
	c.hangUp(t)

	var list recapi.List
	for deadline := time.Now().Add(20 * time.Second); len(list.Recordings) == 0 || list.Recordings[0].State != "done"; time.Sleep(50 * time.Millisecond) {
		getJSON(t, base+recapi.PathRecordings+"?dn=7001", reader, &list)
		if time.Now().After(deadline) {
			t.Fatalf("the recording was not indexed as delivered: %+v", list.Recordings)
		}
	}
	rec := list.Recordings[0]
	file := rec.Files[0]
	code, body := getAuth(t, base+recapi.PathRecordings+"/"+rec.ID+"/play/"+file, reader, "bytes=0-3")
	if code != http.StatusPartialContent || body != "RIFF" {
		t.Errorf("the WAV's first 4 bytes: %d %q", code, body)
	}
	var wf recapi.Waveform
	getJSON(t, base+recapi.PathRecordings+"/"+rec.ID+"/waveform/"+file+"?peaks=100", reader, &wf)
	if len(wf.Paused) != 1 || len(wf.Peaks) != 100 || wf.DurationMs < 1500 {
		t.Fatalf("waveform: %d ms, paused %v, %d peaks", wf.DurationMs, wf.Paused, len(wf.Peaks))
	}
	from, to := int(wf.Paused[0][0]*100/wf.DurationMs), int(wf.Paused[0][1]*100/wf.DurationMs)
	loud := 0
	for i, p := range wf.Peaks {
		if i > from+2 && i < to-2 && p > 0 {
			t.Errorf("peak %d (inside the pause %v) = %d‰, want digital silence", i, wf.Paused[0], p)
		}
		if p > 50 {
			loud++
		}
	}
	if loud < 20 {
		t.Errorf("only %d of 100 peaks above 5%%: %v", loud, wf.Peaks)
	}
	req, _ := http.NewRequest(http.MethodPost, base+PathSpoolRetry+rec.ID, nil)
	req.Header.Set("Authorization", "Bearer "+reader)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("POST /spool/retry with the read-only token: %v %v, want 403", res.Status, err)
	}
}

func getAuth(t *testing.T, url, token, rng string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func getJSON(t *testing.T, url, token string, v any) {
	t.Helper()
	code, body := getAuth(t, url, token, "")
	if code != 200 {
		t.Fatalf("GET %s: %d %s", url, code, strings.TrimSpace(body))
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatal(err)
	}
}
