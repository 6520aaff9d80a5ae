package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/testlog"
)

// rtpBase hands each test MCP its own RTP port range, clear of the ranges
// the rtpio and portalloc tests use (10000–19000).
var rtpBase atomic.Int32

// startMCP runs an MCP on 127.0.0.1 with free ports and a temporary data dir
// until the test ends.
func startMCP(t *testing.T, edit func(*config.MCP)) (*MCP, string) {
	t.Helper()
	m := newMCP(t, edit)
	stop := runMCP(t, m)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	udp, _ := m.SIPAddr()
	return m, udp.String()
}

// newMCP builds (but does not run) an MCP on 127.0.0.1 with free ports.
func newMCP(t *testing.T, edit func(*config.MCP)) *MCP {
	t.Helper()
	return newMCPLogging(t, edit, slog.New(slog.NewTextHandler(testlog.Writer(t), &slog.HandlerOptions{Level: slog.LevelInfo})))
}

// newMCPLogging is newMCP logging to log: a test that stops an MCP before
// it ends gives it one that does not write to t (the SIP stack logs from
// its own goroutines, also after the test).
func newMCPLogging(t *testing.T, edit func(*config.MCP), log *slog.Logger) *MCP {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.SIP.Listen = "127.0.0.1:0"
	cfg.HTTP.Listen = "127.0.0.1:0"
	cfg.RTP.BindIP = "127.0.0.1"
	base := 40000 + int(rtpBase.Add(1))*200
	cfg.RTP.PortMin, cfg.RTP.PortMax = base, base+199
	cfg.Capacity.DrainTimeout = 2 * time.Second
	cfg.Capacity.MinFreeMB = 0 // CI machines may run with little free disk; disk_test sets it
	if edit != nil {
		edit(&cfg)
	}
	firstAudioUnlessSet(&cfg)
	m, err := NewMCP(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// runMCP runs m until the returned stop is called (as SIGTERM would) and
// returns Run's result; stop is safe to call twice.
func runMCP(t *testing.T, m *MCP) func() error {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for m.HTTPAddr() == "" && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	var once sync.Once
	var err error
	return func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
}

// firstAudioUnlessSet makes every profile that does not say otherwise
// record ;record calls from their first audio (record_from: first-audio):
// the tests of media, delivery and crash recovery were written for that
// mode, which stays supported. The GIR tests (msml_gir_test.go) set
// record_from: dialogstart, the default of a real configuration; MSML tests
// without ;record behave the same in both modes.
func firstAudioUnlessSet(cfg *config.MCP) {
	for name, p := range cfg.Profiles {
		if p.RecordFrom == "" {
			p.RecordFrom = config.RecordFromFirstAudio
			cfg.Profiles[name] = p
		}
	}
}

// audio returns seconds of the real test audio in the given law from offset.
func audio(t *testing.T, law g711.Law, offset, seconds int) []byte {
	t.Helper()
	name := map[g711.Law]string{g711.MuLaw: "pcmu", g711.ALaw: "pcma"}[law]
	raw, err := os.ReadFile("../../testdata/audio/" + name + ".1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	return raw[offset*8000 : (offset+seconds)*8000]
}

func decode(law g711.Law, b []byte) []int16 {
	out := make([]int16, len(b))
	law.DecodeTo(out, b)
	return out
}

// waitSidecars waits until n metadata sidecars exist in dir and returns them.
func waitSidecars(t *testing.T, dir string, n int) []recmeta.Document {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(files) >= n {
			var docs []recmeta.Document
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var d recmeta.Document
				if err := json.Unmarshal(b, &d); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				docs = append(docs, d)
			}
			return docs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sidecars in %s after 20 s, want %d", len(files), dir, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
