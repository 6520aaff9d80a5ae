package conference

import (
	"errors"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

// startMSML starts an MSML recording and returns a channel that gets its
// result once finished.
func startMSML(t *testing.T, c *Conference, o StartOptions) <-chan recording.Result {
	t.Helper()
	done := make(chan recording.Result, 1)
	o.OnDone = func(r recording.Result, _ error) { done <- r }
	if _, err := c.Start(time.Now(), o); err != nil {
		t.Fatal(err)
	}
	return done
}

func finished(t *testing.T, done <-chan recording.Result) recording.Result {
	t.Helper()
	select {
	case r := <-done:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("OnDone was not called")
		return recording.Result{}
	}
}

func recordingID(c *Conference) string {
	id, _ := c.Recording()
	return id
}

func TestAnMSMLRecordingOutlivesALegAndEndsWithTheLast(t *testing.T) {
	e := newEngine(t, nil)
	a, b := join(t, e, "m", false), join(t, e, "m", false)
	c := a.Conference()
	done := startMSML(t, c, StartOptions{ID: "R1", Dialog: "rec"})
	a.Close("bye")
	if recordingID(c) != "R1" {
		t.Fatal("the recording stopped when the first of two legs left")
	}
	b.Close("bye")
	if r := finished(t, done); r.ID != "R1" || r.Report.EndReason != "terminate" {
		t.Errorf("result %s ended %q", r.ID, r.Report.EndReason)
	}
}

func TestAConnectionRecordingEndsWhenItsLegLeaves(t *testing.T) {
	e := newEngine(t, nil)
	a, b := join(t, e, "n", false), join(t, e, "n", false)
	c := a.Conference()
	done := startMSML(t, c, StartOptions{Dialog: "rec", Leg: b})
	if len(c.tap.Legs) != 1 || c.tap.Legs[0] != b.ml {
		t.Fatal("the tap does not record only the named leg")
	}
	b.Close("bye")
	finished(t, done)
	if recordingID(c) != "" || c.tap.Legs != nil {
		t.Error("the connection recording or its tap survived its leg")
	}
	if _, err := c.Start(time.Now(), StartOptions{Leg: b}); !errors.Is(err, ErrClosed) {
		t.Errorf("start on a leg that left: %v", err)
	}
}

func TestMaxTimeEndsTheRecordingOnTheTick(t *testing.T) {
	e := newEngine(t, nil)
	c := join(t, e, "t", false).Conference()
	done := make(chan recording.Result, 1)
	start := time.Now()
	if _, err := c.Start(start, StartOptions{MaxTime: 100 * time.Millisecond,
		OnDone: func(r recording.Result, _ error) { done <- r }}); err != nil {
		t.Fatal(err)
	}
	c.tick(start.Add(80 * time.Millisecond))
	if recordingID(c) == "" {
		t.Fatal("stopped before maxtime")
	}
	c.tick(start.Add(100 * time.Millisecond))
	if r := finished(t, done); r.Report.EndReason != "maxtime" {
		t.Errorf("end reason %q, want maxtime", r.Report.EndReason)
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

func TestARequestURIRecordingAnswersToAnyDialog(t *testing.T) {
	e := newEngine(t, nil)
	c := join(t, e, "u", true).Conference()
	if _, err := c.StartRecording(time.Now(), nil, "full", recmeta.Meta{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Pause(time.Now(), Selector{Dialog: "rec"}); err != nil {
		t.Errorf("pause of the full-time recording: %v", err)
	}
	if err := c.Resume(time.Now(), Selector{Dialog: "any"}); err != nil {
		t.Errorf("resume of the full-time recording: %v", err)
	}
}

func TestAnMSMLStartTakesOverTheRequestURIsRecording(t *testing.T) {
	e := newEngine(t, nil)
	a := join(t, e, "g", true)
	c := a.Conference()
	if _, err := c.StartRecording(time.Now(), nil, "", recmeta.Meta{}); err != nil {
		t.Fatal(err) // as the tick does at the first audio of a ;record call
	}
	auto := recordingID(c)
	done := startMSML(t, c, StartOptions{ID: "GIR-7", Dialog: "rec",
		Meta: recmeta.Meta{Parameters: map[string]string{"rp.tenant": "acme"}}})
	if recordingID(c) != "GIR-7" || auto == "GIR-7" {
		t.Fatalf("recording id %q (was %q), want the dialogstart's GIR-7", recordingID(c), auto)
	}
	if _, err := c.Start(time.Now(), StartOptions{Dialog: "other"}); !errors.Is(err, ErrRecording) {
		t.Fatalf("a second dialogstart: %v, want ErrRecording", err)
	}
	if err := c.Stop(time.Now(), Selector{Dialog: "rec"}); err != nil {
		t.Fatal(err)
	}
	r := finished(t, done)
	if r.ID != "GIR-7" || len(r.Files) != 1 {
		t.Fatalf("result %+v", r)
	}
	a.Close("bye")
}

func TestTheProfilesTenantAndRPParametersAreInTheRecordingsMetadataFromTheStart(t *testing.T) {
	var got []recmeta.Meta
	e := newEngine(t, func(c *Config) {
		dir := c.RecordDir
		c.PrepareRecording = func(_ string, _ time.Time, m recmeta.Meta) (string, error) {
			got = append(got, m)
			return dir, nil
		}
		c.ProfileMeta = func(profile string) (string, map[string]string) {
			if profile != "acme-record" {
				t.Errorf("ProfileMeta asked for %q", profile)
			}
			return "acme", map[string]string{"campaign": "spring", "site": "profile"}
		}
	})
	l, err := e.Join(JoinRequest{Target: requri.Target{Kind: requri.Conference, ID: "p", Profile: "acme-record"}})
	if err != nil {
		t.Fatal(err)
	}
	c := l.Conference()
	done := startMSML(t, c, StartOptions{ID: "R1", Dialog: "rec", Meta: recmeta.Meta{Parameters: map[string]string{"rp.site": "msml"}}})
	l.Close("bye")
	finished(t, done)
	if len(got) != 1 {
		t.Fatalf("PrepareRecording called %d times", len(got))
	}
	m := got[0]
	if m.Tenant != "acme" || m.Parameters["rp.campaign"] != "spring" || m.Parameters["rp.site"] != "msml" {
		t.Fatalf("meta = tenant %q parameters %v; want the profile's tenant, rp.campaign from it and rp.site from MSML", m.Tenant, m.Parameters)
	}
}

func TestTheRequestURIsTenantWinsOverTheProfiles(t *testing.T) {
	var got recmeta.Meta
	e := newEngine(t, func(c *Config) {
		dir := c.RecordDir
		c.PrepareRecording = func(_ string, _ time.Time, m recmeta.Meta) (string, error) { got = m; return dir, nil }
		c.ProfileMeta = func(string) (string, map[string]string) { return "acme", nil }
	})
	l, err := e.Join(JoinRequest{Target: requri.Target{Kind: requri.Conference, ID: "q", Tenant: "globex"}})
	if err != nil {
		t.Fatal(err)
	}
	done := startMSML(t, l.Conference(), StartOptions{ID: "R2", Dialog: "rec"})
	l.Close("bye")
	finished(t, done)
	if got.Tenant != "globex" {
		t.Fatalf("tenant = %q, want the Request-URI's globex", got.Tenant)
	}
}
