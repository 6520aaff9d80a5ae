package app

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// TestMSMLPauseAndResumeKeepTheCallsTimelineInMP3AndWAV runs docs/wire.md §2's
// scenario on two calls at once, one recording MP3, one WAV: no record in
// the Request-URI, start at 2 s, pause at 8 s, resume at 12 s, stop at 18 s.
func TestMSMLPauseAndResumeKeepTheCallsTimelineInMP3AndWAV(t *testing.T) {
	m, addr := startMCP(t, nil)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	calls := map[string]*call{"audio/mp3": setUpMSMLCall(t, emu, msmlURI(addr, "msml-mp3", "")), "audio/wav": setUpMSMLCall(t, emu, msmlURI(addr, "msml-wav", ""))}
	ids := map[string]string{"audio/mp3": "REC-MP3", "audio/wav": "../REC wav"}
	dialog := func(mime string) string { return "conf:msml-" + mime[6:] + "/dialog:rec" }
	tk := talk(t, calls["audio/mp3"], calls["audio/wav"])
	for _, step := range []struct {
		at   time.Duration
		body func(mime string) string
	}{
		{2 * time.Second, func(mime string) string { return startBody("conf:msml-"+mime[6:], mime, ids[mime]) }},
		{8 * time.Second, func(mime string) string { return sendBody(dialog(mime), "pause") }},
		{12 * time.Second, func(mime string) string { return sendBody(dialog(mime), "app.resume") }},
		{18 * time.Second, func(mime string) string { return endBody(dialog(mime)) }},
	} {
		tk.at(step.at)
		for mime, c := range calls {
			ok(t, c.a, step.body(mime))
		}
	}
	for mime, c := range calls {
		checkExit(t, exits(t, c.a, 1)[0], dialog(mime), "terminate", ids[mime], 16*time.Second)
	}
	tk.end(t)
	for _, c := range calls {
		c.hangUp(t)
	}
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 2)
	for mime, codec := range map[string]string{"audio/mp3": "mp3", "audio/wav": "pcm_mulaw"} {
		t.Run("the "+codec+" file is 16 s with digital silence where it was paused", func(t *testing.T) {
			d := docOf(t, docs, mime)
			checkTimeline(t, filepath.Join(dir, d.MediaFiles[0].MediaID), codec, offsets(t, d))
		})
		t.Run("the "+codec+" metadata has the events and every param", func(t *testing.T) {
			checkMSMLDoc(t, docOf(t, docs, mime), ids[mime])
		})
	}
}

func checkTimeline(t *testing.T, path, codec string, at map[string]float64) {
	t.Helper()
	info := probe(t, path, codec, 2)
	delay := 0.0
	if codec == "mp3" {
		delay = float64(mp3.EncoderDelay) / 8000
	}
	if math.Abs(info.Duration-delay-16) > 0.1 {
		t.Errorf("%s lasts %.3f s (+%.3f s encoder delay), want 16 s ± 0.1", filepath.Base(path), info.Duration-delay, delay)
	}
	if math.Abs(at["pause"]-6) > 0.1 || math.Abs(at["resume"]-10) > 0.1 || math.Abs(at["stop"]-16) > 0.1 {
		t.Errorf("event offsets %v, want pause 6, resume 10, stop 16", at)
	}
	pcm, err := oracle.DecodePCM(path)
	if err != nil {
		t.Fatal(err)
	}
	// No delay to skip: the MP3's Info frame names the encoder delay and
	// padding, and the decoder trims them (decision 0017).
	edge := 0.04 // a tick of slack each side of the control events
	if codec == "mp3" {
		edge = 0.15 // MP3 frames overlap the edges
	}
	for ch, name := range []string{"left", "right"} {
		if m := oracle.MaxAbs(window(pcm, ch, at["pause"]+edge, at["resume"]-edge)); m > 0 {
			t.Errorf("%s channel: paused time peaks at %d, want digital silence", name, m)
		}
		for from := 0.2; from < 15.5; from += 0.5 {
			if from > at["pause"]-0.6 && from < at["resume"]+0.1 {
				continue
			}
			if r := oracle.RMS(window(pcm, ch, from, from+0.5)); r < 300 {
				t.Errorf("%s channel: %.1f–%.1f s has RMS %.0f, want the call's audio", name, from, from+0.5, r)
			}
		}
	}
}

func checkMSMLDoc(t *testing.T, d recmeta.Document, id string) {
	t.Helper()
	mf := d.MediaFiles[0]
	var events []string
	for _, e := range d.EventHistory {
		events = append(events, e.Event)
	}
	if strings.Join(events, ",") != "start,pause,resume,stop" {
		t.Errorf("events %v", events)
	}
	if d.ID != id || !strings.HasPrefix(mf.MediaID, recmeta.SafeName(id)+"_") {
		t.Errorf("metadata id %q, file %s: want both from the id param %q (sanitised in the name)", d.ID, mf.MediaID, id)
	}
	p := mf.Parameters
	if p["id"] != id || p["rp.team"] != "blue" || p["record.dest"] != "http://storage.example/rec" || p["dn"] != "7001" {
		t.Errorf("parameters %v", p)
	}
	if c := mf.Completeness; math.Abs(float64(c.PausedMs)-4000) > 100 || c.EndReason != "terminate" {
		t.Errorf("completeness %+v: want 4 s paused, ended by terminate", c)
	}
}
