package app

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/spool"
)

func TestADeadLetteredJobIsRetriedThroughTheAdminAPI(t *testing.T) {
	m, _ := startMCP(t, nil)
	dir := m.cfg.RecordingDir()
	// A different file under the same name: the localdir plugin refuses
	// with ALREADY_EXISTS, a permanent error.
	if err := os.WriteFile(filepath.Join(dir, "x.wav"), []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "x.wav")
	if err := os.WriteFile(src, []byte("the recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	doc := json.RawMessage(`{"id":"rec-dead","mediaFiles":[{"mediaId":"x.wav","type":"audio/wav"}]}`)
	job := spool.Job{ID: "rec-dead", Files: []spool.FileRef{{Name: "x.wav", Path: src, ContentType: "audio/wav"}}, Document: doc}
	if err := m.spool.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	// The counters follow the record's move to dead/: wait for them.
	waitFor(t, func() bool { return m.spool.Stats().Dead == 1 })

	// The record is dead on disk a moment before the counters say so.
	wants := []string{`reel_spool_jobs{state="dead"} 1`, `reel_spool_dead_letters_total 1`,
		`reel_spool_deliveries_total{destination="storage/localdir",outcome="permanent"} 1`}
	var metrics string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, metrics = get(t, "http://"+m.HTTPAddr()+"/metrics"); containsAll(metrics, wants) {
			break
		}
	}
	for _, want := range wants {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grep(metrics, "reel_spool"))
		}
	}
	if _, body := get(t, "http://"+m.HTTPAddr()+"/spool?state=dead"); !strings.Contains(body, `"ID":"rec-dead"`) {
		t.Errorf("GET /spool?state=dead = %s", body)
	}
	if _, body := get(t, "http://"+m.HTTPAddr()+"/plugins"); !strings.Contains(body, `"name":"localdir"`) || !strings.Contains(body, `"up":true`) {
		t.Errorf("GET /plugins = %s", body)
	}
	if err := os.Remove(filepath.Join(dir, "x.wav")); err != nil {
		t.Fatal(err)
	}
	res, err := http.Post("http://"+m.HTTPAddr()+"/spool/retry/rec-dead", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("POST /spool/retry: %s", res.Status)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(filepath.Join(dir, "x.wav")); string(b) == "the recording" {
			if _, err := os.Stat(filepath.Join(dir, "x.wav.json")); err == nil {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the retried job was not delivered")
}

func TestRetryOfAnUnknownJobIsRefused(t *testing.T) {
	m, _ := startMCP(t, nil)
	res, err := http.Post("http://"+m.HTTPAddr()+"/spool/retry/nope", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 == 2 {
		t.Fatalf("POST /spool/retry/nope: %s, want an error", res.Status)
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
