package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/msml"
)

// msmlURI is a conference leg's Request-URI WITHOUT record: nothing is
// recorded until an MSML start. params may add e.g. ";transport=tcp".
func msmlURI(mcp, conf, params string) string {
	return "sip:msml=" + conf + "@" + mcp + ";dn=7001" + params
}

// setUpMSMLCall runs SIP Server's 3PCC flow for two parties on uri.
func setUpMSMLCall(t *testing.T, emu *sipemu.Emulator, uri string) *call {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &call{}
	for i, leg := range []**sipemu.Leg{&c.a, &c.b} {
		pt := []uint8{0, 8}[i]
		party, err := sipemu.NewParty(pt, uint32(0x7000+i))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { party.Close() })
		l, err := emu.Invite(ctx, uri, party)
		if err != nil {
			t.Fatalf("INVITE: %v", err)
		}
		if err := l.ThirdPartyReinvite(ctx); err != nil {
			t.Fatalf("re-INVITE without SDP: %v", err)
		}
		*leg = l
	}
	return c
}

// talker sends real audio from both parties of every call, paced at 20 ms,
// until stopped: the clock of an MSML scenario runs while it talks.
type talker struct {
	start time.Time
	stop  chan struct{}
	done  chan error
}

func talk(t *testing.T, calls ...*call) *talker {
	t.Helper()
	a, b := audio(t, g711.MuLaw, 5, 60), audio(t, g711.ALaw, 65, 55)
	tk := &talker{start: time.Now(), stop: make(chan struct{}), done: make(chan error, 1)}
	go func() { tk.done <- tk.run(calls, a, b) }()
	t.Cleanup(func() { tk.end(t) })
	return tk
}

func (tk *talker) run(calls []*call, a, b []byte) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i := 0; i+160 <= min(len(a), len(b)); i += 160 {
		for _, c := range calls {
			if err := c.a.Party.SendFrame(a[i:i+160], i == 0); err != nil {
				return err
			}
			if err := c.b.Party.SendFrame(b[i:i+160], i == 0); err != nil {
				return err
			}
		}
		select {
		case <-tk.stop:
			return nil
		case <-tick.C:
		}
	}
	return fmt.Errorf("talker ran out of audio")
}

// at sleeps until offset after the talker started.
func (tk *talker) at(offset time.Duration) { time.Sleep(time.Until(tk.start.Add(offset))) }

// end stops the talker; safe twice.
func (tk *talker) end(t *testing.T) {
	t.Helper()
	select {
	case <-tk.stop:
		return
	default:
		close(tk.stop)
	}
	if err := <-tk.done; err != nil {
		t.Errorf("talker: %v", err)
	}
}

// info sends an MSML body on the leg's dialog and returns the result of its
// 200 OK.
func info(t *testing.T, l *sipemu.Leg, body string) *msml.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := l.Info(ctx, "application/msml+xml", []byte(body))
	if err != nil {
		t.Fatalf("INFO: %v", err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("INFO answered %d %s", res.StatusCode, res.Reason)
	}
	doc, err := msml.Parse(res.Body())
	if err != nil || len(doc.Ops) != 1 {
		t.Fatalf("INFO reply %q: %v", res.Body(), err)
	}
	r, ok := doc.Ops[0].(*msml.Result)
	if !ok {
		t.Fatalf("INFO reply is not a result: %s", res.Body())
	}
	return r
}

// ok sends an MSML body and demands a 200 result.
func ok(t *testing.T, l *sipemu.Leg, body string) *msml.Result {
	t.Helper()
	r := info(t, l, body)
	if r.Response != 200 {
		t.Fatalf("MSML %d: %s", r.Response, r.Description)
	}
	return r
}

func startBody(target, format, id string) string {
	return fmt.Sprintf(`<msml version="1.1"><dialogstart target="%s" name="rec" type="application/moml+xml">`+
		`<record format="%s" dest="http://storage.example/rec"/><param name="id">%s</param><param name="rp.team">blue</param>`+
		`</dialogstart></msml>`, target, format, id)
}

func sendBody(dialog, event string) string {
	return fmt.Sprintf(`<msml version="1.1"><send target="%s" event="%s"/></msml>`, dialog, event)
}

func endBody(dialog string) string {
	return fmt.Sprintf(`<msml version="1.1"><dialogend id="%s"/></msml>`, dialog)
}

// exits waits for n msml.dialog.exit events sent on the leg's dialog.
func exits(t *testing.T, l *sipemu.Leg, n int) []*msml.Event {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var out []*msml.Event
		for _, in := range l.Infos() {
			doc, err := msml.Parse(in.Body)
			if err != nil || len(doc.Ops) != 1 || in.ContentType != "application/msml+xml" {
				t.Fatalf("INFO from the MCP (%s): %q: %v", in.ContentType, in.Body, err)
			}
			if e, ok := doc.Ops[0].(*msml.Event); ok && e.Name == "msml.dialog.exit" {
				out = append(out, e)
			}
		}
		if len(out) >= n || time.Now().After(deadline) {
			if len(out) != n {
				t.Fatalf("%d msml.dialog.exit events, want %d", len(out), n)
			}
			return out
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkExit checks an exit event's dialog, end, id and length (±100 ms).
func checkExit(t *testing.T, e *msml.Event, dialog, end, id string, length time.Duration) {
	t.Helper()
	var ms int64
	fmt.Sscan(e.Value("record.len"), &ms)
	got := time.Duration(ms) * time.Millisecond
	if e.ID != dialog || e.Value("record.end") != end || e.Value("record.recordid") != id ||
		got < length-100*time.Millisecond || got > length+100*time.Millisecond {
		t.Errorf("exit event %+v, want %s end=%s id=%s len≈%v", e, dialog, end, id, length)
	}
}

// docOf returns the metadata of the file of the given MIME type.
func docOf(t *testing.T, docs []recmeta.Document, mime string) recmeta.Document {
	t.Helper()
	var found []recmeta.Document
	for _, d := range docs {
		if d.MediaFiles[0].Type == mime {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s files, want 1", len(found), mime)
	}
	return found[0]
}

// offsets returns each event's time from the first (start), in seconds.
func offsets(t *testing.T, d recmeta.Document) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	var start time.Time
	for i, e := range d.EventHistory {
		at, err := recmeta.ParseTime(e.Time)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			start = at
		}
		out[e.Event] = at.Sub(start).Seconds()
	}
	return out
}

// window is channel ch of interleaved stereo pcm from from to to seconds.
func window(pcm []int16, ch int, from, to float64) []int16 {
	s := oracle.Channel(pcm, 2, ch)
	lo, hi := int(from*8000), min(int(to*8000), len(s))
	if lo >= hi {
		return nil
	}
	return s[lo:hi]
}
