package app

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestShutdownDrainsRefusingNewCallsAndFinishingRecordings(t *testing.T) {
	m := newMCP(t, nil)
	stop := runMCP(t, m)
	defer stop()
	udp, _ := m.SIPAddr()
	addr, base := udp.String(), "http://"+m.HTTPAddr()
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Fatalf("/healthz %d", code)
	}
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Fatalf("/readyz %d before draining", code)
	}
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, addr, "conf-drain")
	c.talk(t, audio(t, g711.MuLaw, 0, 1), audio(t, g711.ALaw, 0, 1))
	if _, body := get(t, base+"/metrics"); !strings.Contains(body, "reel_legs_active 2") {
		t.Errorf("/metrics does not show the two legs:\n%s", grep(body, "reel_legs"))
	}
	var r calls.Report
	if code, body := get(t, base+calls.Path); code != 200 || json.Unmarshal([]byte(body), &r) != nil ||
		len(r.Calls) != 1 || r.Calls[0].ID != "conf-drain" || len(r.Calls[0].Legs) != 2 ||
		r.Calls[0].Recording == nil || r.Calls[0].Recording.State != "recording" || r.Calls[0].Legs[0].PacketsReceived == 0 {
		t.Errorf("GET %s: %d\n%s", calls.Path, code, body)
	}

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }() // SIGTERM
	waitFor(t, func() bool { code, _ := get(t, base+"/readyz"); return code == 503 })

	t.Run("a new INVITE gets 503 while draining", func(t *testing.T) {
		p, _ := sipemu.NewParty(0, 9)
		defer p.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err := emu.Invite(ctx, "sip:msml=late@"+addr+";dn=1;record", p)
		if err == nil || !strings.Contains(err.Error(), "503") {
			t.Fatalf("INVITE while draining: %v, want 503", err)
		}
	})
	t.Run("OPTIONS gets 503 while draining", func(t *testing.T) {
		if code := options(t, emu, addr); code != 503 {
			t.Fatalf("OPTIONS %d", code)
		}
	})
	c.talk(t, audio(t, g711.MuLaw, 1, 1), audio(t, g711.ALaw, 1, 1)) // the call goes on
	c.hangUp(t)
	if err := <-stopped; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := testutil.ToFloat64(m.metrics.LegsEnded.WithLabelValues(sipua.ReasonBye)); n != 2 {
		t.Errorf("reel_legs_ended_total{reason=%q} = %v, want 2", sipua.ReasonBye, n)
	}
	docs := waitSidecars(t, m.cfg.RecordingDir(), 2)
	if d, _ := strconv.Atoi(docs[0].MediaFiles[0].Duration); d < 1900 {
		t.Errorf("recording %d ms, want the whole 2 s call", d)
	}
}

func options(t *testing.T, emu *sipemu.Emulator, addr string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := emu.Options(ctx, "sip:"+addr)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5 s")
		}
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
