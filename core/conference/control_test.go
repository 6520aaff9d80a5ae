package conference

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
)

// startMSML starts a controlled recording on an engine whose Host is h.
func startMSML(t *testing.T, c *Conference, o StartOptions) {
	t.Helper()
	if _, err := c.Start(time.Now(), o); err != nil {
		t.Fatal(err)
	}
}

func finished(t *testing.T, h *testHost) Finished {
	t.Helper()
	select {
	case f := <-h.finished:
		return f
	case <-time.After(5 * time.Second):
		t.Fatal("Host.Done was not called")
		return Finished{}
	}
}

func recordingID(c *Conference) string {
	id, _ := c.Recording()
	return id
}

func hostedEngine(t *testing.T, firstAudio bool) (*Engine, *testHost) {
	h := newTestHost(t, firstAudio)
	return newEngine(t, func(c *Config) { c.Host = h }), h
}

func TestAnMSMLRecordingOutlivesALegAndEndsWithTheLast(t *testing.T) {
	e, h := hostedEngine(t, false)
	a, b := join(t, e, "m", false), join(t, e, "m", false)
	c := a.Conference()
	startMSML(t, c, StartOptions{ID: "R1", Dialog: "rec", Owner: "dialog-1"})
	a.Close("bye")
	if recordingID(c) != "R1" {
		t.Fatal("the recording stopped when the first of two legs left")
	}
	b.Close("bye")
	if f := finished(t, h); f.Result.ID != "R1" || f.Key != "R1" || f.Owner != "dialog-1" || f.Result.Report.EndReason != "terminate" {
		t.Errorf("finished %+v", f)
	}
}

func TestAConnectionRecordingEndsWhenItsLegLeaves(t *testing.T) {
	e, h := hostedEngine(t, false)
	a, b := join(t, e, "n", false), join(t, e, "n", false)
	c := a.Conference()
	startMSML(t, c, StartOptions{Dialog: "rec", Leg: b})
	if len(c.tap.Legs) != 1 || c.tap.Legs[0] != b.ml {
		t.Fatal("the tap does not record only the named leg")
	}
	b.Close("bye")
	finished(t, h)
	if recordingID(c) != "" || c.tap.Legs != nil {
		t.Error("the connection recording or its tap survived its leg")
	}
	if _, err := c.Start(time.Now(), StartOptions{Leg: b}); !errors.Is(err, ErrClosed) {
		t.Errorf("start on a leg that left: %v", err)
	}
}

func TestMaxTimeEndsTheRecordingOnTheTick(t *testing.T) {
	e, h := hostedEngine(t, false)
	c := join(t, e, "t", false).Conference()
	start := time.Now()
	if _, err := c.Start(start, StartOptions{MaxTime: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	c.tick(start.Add(80 * time.Millisecond))
	if recordingID(c) == "" {
		t.Fatal("stopped before maxtime")
	}
	c.tick(start.Add(100 * time.Millisecond))
	if f := finished(t, h); f.Result.Report.EndReason != "maxtime" {
		t.Errorf("end reason %q, want maxtime", f.Result.Report.EndReason)
	}
}

func TestMSMLControlNamesTheRecordingItActsOn(t *testing.T) {
	e := newEngine(t, nil)
	a := join(t, e, "s", false)
	c := a.Conference()
	now := time.Now()
	rec := Selector{Dialog: "rec"}
	for _, step := range []struct {
		name string
		do   func() error
		want error
	}{
		{"pause before any start is not recording", func() error { return c.Pause(now, rec) }, ErrNoRecording},
		{"start names the dialog", func() error { _, err := c.Start(now, StartOptions{Dialog: "rec"}); return err }, nil},
		{"a second start is refused", func() error { _, err := c.Start(now, StartOptions{Dialog: "x"}); return err }, ErrRecording},
		{"pause of another dialog is refused", func() error { return c.Pause(now, Selector{Dialog: "other"}) }, ErrNoDialog},
		{"pause of the dialog on a leg is refused", func() error { return c.Pause(now, Selector{Dialog: "rec", Leg: a}) }, ErrNoDialog},
		{"pause of the dialog works", func() error { return c.Pause(now, rec) }, nil},
		{"a second pause says so", func() error { return c.Pause(now, rec) }, ErrPaused},
		{"resume works", func() error { return c.Resume(now, rec) }, nil},
		{"a second resume says so", func() error { return c.Resume(now, rec) }, ErrNotPaused},
		{"stop without a dialog name works", func() error { return c.Stop(now, Selector{}) }, nil},
		{"stop after stop is not recording", func() error { return c.Stop(now, rec) }, ErrNoRecording},
	} {
		if err := step.do(); !errors.Is(err, step.want) || (step.want == nil) != (err == nil) {
			t.Fatalf("%s: got %v, want %v", step.name, err, step.want)
		}
	}
}

func TestAFirstAudioRecordingAnswersToAnyDialogUntilADialogTakesItOver(t *testing.T) {
	e, h := hostedEngine(t, true)
	a := join(t, e, "g", true)
	c := a.Conference()
	c.mu.Lock()
	_, err := c.startLocked(time.Now(), c.plan.Formats, "", "", "", c.plan.Meta, true) // as the tick does at the first audio
	c.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	auto := recordingID(c)
	if err := c.Pause(time.Now(), Selector{Dialog: "any"}); err != nil {
		t.Errorf("pause of the first-audio recording: %v", err)
	}
	if err := c.Resume(time.Now(), Selector{Dialog: "rec"}); err != nil {
		t.Errorf("resume of the first-audio recording: %v", err)
	}
	startMSML(t, c, StartOptions{ID: "GIR-7", Dialog: "rec", Owner: "dlg",
		Meta: recmeta.Meta{Parameters: map[string]string{"rp.tenant": "acme"}}})
	if recordingID(c) != "GIR-7" || auto == "GIR-7" {
		t.Fatalf("recording id %q (was %q), want the dialogstart's GIR-7", recordingID(c), auto)
	}
	if _, err := c.Start(time.Now(), StartOptions{Dialog: "other"}); !errors.Is(err, ErrRecording) {
		t.Fatalf("a second dialogstart: %v, want ErrRecording", err)
	}
	if err := c.Pause(time.Now(), Selector{Dialog: "other"}); !errors.Is(err, ErrNoDialog) {
		t.Fatalf("pause of another dialog once adopted: %v, want ErrNoDialog", err)
	}
	if err := c.Stop(time.Now(), Selector{Dialog: "rec"}); err != nil {
		t.Fatal(err)
	}
	f := finished(t, h)
	if f.Result.ID != "GIR-7" || f.Key != auto || f.Owner != "dlg" || len(f.Result.Files) != 1 {
		t.Fatalf("finished %+v: want GIR-7 prepared under %s, owned by the dialog", f, auto)
	}
	a.Close("bye")
}

// talkTicks pushes one packet into each leg and runs a tick, n times.
func talkTicks(c *Conference, legs []*Leg, now time.Time, seq *int, n int) time.Time {
	pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 0, SSRC: 5}, Payload: make([]byte, 160)}
	for i := 0; i < n; i++ {
		*seq++
		now = now.Add(codecs.FrameDuration)
		pkt.SequenceNumber, pkt.Timestamp = uint16(*seq), uint32(*seq*160)
		for _, l := range legs {
			l.jb.Push(&pkt, now)
		}
		c.tick(now)
	}
	return now
}

func TestARecordLegIsRecordedFromTheDialogstartNotFromItsFirstAudio(t *testing.T) {
	e, h := hostedEngine(t, false)
	a, b := join(t, e, "gir", true), join(t, e, "gir", false)
	for _, l := range []*Leg{a, b} {
		if _, err := l.Answer([]byte(partyOffer)); err != nil {
			t.Fatal(err)
		}
	}
	c := a.Conference()
	seq, now := 0, time.Now()
	now = talkTicks(c, []*Leg{a, b}, now, &seq, 100) // 2 s of audio before any dialogstart
	if id := recordingID(c); id != "" {
		t.Fatalf("recording %s started at the first audio; want it to wait for the dialogstart", id)
	}
	if _, err := c.Start(now, StartOptions{ID: "R", Dialog: "rec"}); err != nil {
		t.Fatal(err)
	}
	if len(c.tap.Legs) != 1 || c.tap.Legs[0] != a.ml {
		t.Fatal("the conference recording does not take only the leg marked ;record")
	}
	late := join(t, e, "gir", true)
	if len(c.tap.Legs) != 2 || c.tap.Legs[1] != late.ml {
		t.Fatal("a ;record leg joining later is not recorded")
	}
	now = talkTicks(c, []*Leg{a, b}, now, &seq, 50)
	if err := c.Stop(now, Selector{Dialog: "rec"}); err != nil {
		t.Fatal(err)
	}
	if f := finished(t, h); f.Result.Duration != time.Second {
		t.Fatalf("recording lasts %v, want the 1 s from the dialogstart", f.Result.Duration)
	}
}

func TestARecordingWhoseFilesCannotBeCreatedEndsWithReasonError(t *testing.T) {
	e, h := hostedEngine(t, false)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h.dir = filepath.Join(blocker, "sub")
	c := join(t, e, "bad", false).Conference()
	now := time.Now()
	if _, err := c.Start(now, StartOptions{ID: "B", Dialog: "rec", Owner: "dlg"}); err != nil {
		t.Fatalf("Start: %v, want the failure reported when the files are opened", err)
	}
	for i := 0; i < 500 && recordingID(c) != ""; i++ {
		now = now.Add(codecs.FrameDuration)
		c.tick(now)
		time.Sleep(time.Millisecond)
	}
	f := finished(t, h)
	if !errors.Is(f.Err, recording.ErrOpen) || f.Result.Report.EndReason != "error" || len(f.Result.Files) != 0 || f.Owner != "dlg" {
		t.Fatalf("finished %+v: want ErrOpen, end reason error, no files", f)
	}
}
