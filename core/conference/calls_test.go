package conference

import (
	"testing"
	"time"

	"github.com/reel-project/reel/core/requri"
)

func TestCallsDescribesTheLegsAndTheRecording(t *testing.T) {
	e := newEngine(t, nil)
	a := join(t, e, "conf-b", true)
	if _, err := a.Answer([]byte(partyOffer)); err != nil {
		t.Fatal(err)
	}
	join(t, e, "conf-b", false)
	if _, err := e.Join(JoinRequest{Target: requri.Target{Kind: requri.Recorder, ID: "conf-a", DN: "7001"}, CallID: "sip-call-1"}); err != nil {
		t.Fatal(err)
	}
	c := a.Conference()
	now := time.Now()
	if _, err := c.Start(now, StartOptions{ID: "rec-b", Dialog: "rec"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Pause(now, Selector{}); err != nil {
		t.Fatal(err)
	}

	r := e.Calls()
	if r.Legs != 3 || len(r.Calls) != 2 || r.Calls[0].ID != "conf-a" || r.Calls[1].ID != "conf-b" {
		t.Fatalf("report %+v, want conf-a then conf-b with 3 legs", r)
	}
	rec := r.Calls[0]
	if rec.Kind != "recorder" || len(rec.Legs) != 1 || rec.Legs[0].DN != "7001" || rec.Legs[0].CallID != "sip-call-1" ||
		!rec.Legs[0].Recorded || rec.Recording != nil {
		t.Errorf("recorder call %+v", rec)
	}
	conf := r.Calls[1]
	if conf.Kind != "conference" || len(conf.Legs) != 2 || conf.Recording == nil {
		t.Fatalf("conference %+v", conf)
	}
	if got := *conf.Recording; got.ID != "rec-b" || got.State != "paused" || len(got.Files) == 0 || !got.MSML {
		t.Errorf("recording %+v, want rec-b paused with its files", got)
	}
	if l := conf.Legs[0]; l.Codec != "PCMU" || l.Direction != "sendrecv" || l.Remote != "127.0.0.1:40000" || !l.Recorded || l.LocalPort == 0 {
		t.Errorf("answered leg %+v", l)
	}
	if l := conf.Legs[1]; l.Recorded || l.Remote != "" {
		t.Errorf("unanswered leg %+v", l)
	}
}
