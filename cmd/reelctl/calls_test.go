package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/calls"
)

func TestCallsPrintsALegPerRow(t *testing.T) {
	report := calls.Report{Legs: 3, Calls: []calls.Call{
		{ID: "conf-1", Kind: "conference", Recording: &calls.Recording{ID: "rec-1", State: "paused"}, Legs: []calls.Leg{
			{CallID: "c1@sipserver", DN: "7001", Recorded: true, Codec: "PCMU", Direction: "sendrecv", Remote: "10.0.0.5:30000", PacketsReceived: 50},
			{CallID: "c2@sipserver", DN: "7002", Codec: "PCMA", Direction: "sendrecv"},
		}},
		{ID: "rec-2", Kind: "recorder", Legs: []calls.Leg{{CallID: "c3@sipserver", Codec: "PCMU", Direction: "recvonly"}}},
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != calls.Path {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(report)
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := dispatch([]string{"calls", "--url", srv.URL}, &out); err != nil {
		t.Fatal(err)
	}
	var back calls.Report
	var js bytes.Buffer
	if err := dispatch([]string{"calls", "--json", "--url", srv.URL}, &js); err != nil || json.Unmarshal(js.Bytes(), &back) != nil || back.Legs != 3 || len(back.Calls) != 2 {
		t.Errorf("--json: %v\n%s", err, js.String())
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(lines[0], "CALL") || !strings.Contains(lines[1], "paused rec-1") || !strings.Contains(lines[1], "7001 (rec)") ||
		!strings.Contains(lines[1], "10.0.0.5:30000") || strings.Contains(lines[2], "conf-1") || !strings.Contains(lines[3], "recvonly") ||
		!strings.Contains(out.String(), "2 calls, 3 legs") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestAdminRequestsCarryTheTokenOfREEL_HTTP_TOKEN_FILE(t *testing.T) {
	const token = "0123456789abcdef-reelctl"
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REEL_HTTP_TOKEN_FILE", path)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(calls.Report{})
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := dispatch([]string{"calls", "--url", srv.URL}, &out); err != nil {
		t.Fatalf("with the token: %v", err)
	}
	t.Setenv("REEL_HTTP_TOKEN_FILE", "")
	if err := dispatch([]string{"calls", "--url", srv.URL}, &out); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("without the token: %v, want 401", err)
	}
}
