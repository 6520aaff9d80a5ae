package ivr

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/fetch"
)

const head = `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" xmlns:gvp="http://www.genesyslab.com/2006/vxml21-extension" version="2.1">`

// serve serves documents by path.
func serve(t *testing.T, files map[string]string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if strings.HasSuffix(r.URL.Path, ".wav") {
			body, ok = "RIFF", true // tonePrompts makes the audio
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// tonePrompts renders every prompt as a constant level: audio at 1000,
// text at 2000, one sample per character times 160 — a unit-test source.
type tonePrompts struct{}

func (tonePrompts) Audio(_ context.Context, uri string) (*prompt.Audio, error) {
	if strings.Contains(uri, "missing") {
		return nil, errors.New("no such prompt")
	}
	return level(1000, 50), nil // one second
}

func (tonePrompts) Speak(_ context.Context, text string) (*prompt.Audio, error) {
	return level(2000, 5*len(text)), nil
}

func level(v int16, frames int) *prompt.Audio {
	pcm := make([]int16, frames*160)
	for i := range pcm {
		pcm[i] = v
	}
	a, err := prompt.NewAudio(pcm)
	if err != nil {
		panic(err)
	}
	return a
}

// platform records what the application asked of the call.
type platform struct {
	mu   sync.Mutex
	cmds []string
	bye  int
}

func (p *platform) Recording(cmd string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cmds = append(p.cmds, cmd)
	return nil
}

func (p *platform) Disconnect() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bye++
}

func (p *platform) Transfer(context.Context, vxml.Transfer) vxml.TransferDone {
	return vxml.TransferDone{Result: "noanswer"}
}

// call runs an application with a fake clock that says frames until the
// session ends; keys are pressed once the first prompt played this many
// frames.
type call struct {
	s      *Session
	p      *platform
	ended  chan Result
	frames int // frames with prompt audio
	stop   chan struct{}
	wg     sync.WaitGroup
}

func startCall(t *testing.T, url string) (*call, error) {
	c := &call{p: &platform{}, ended: make(chan Result, 1), stop: make(chan struct{})}
	c.s = New(Config{Fetcher: fetch.New(fetch.Options{}), Prompts: tonePrompts{}, Platform: c.p,
		Ended: func(r Result) { c.ended <- r }})
	if err := c.s.Start(url); err != nil {
		return nil, err
	}
	go c.s.Run()
	return c, nil
}

// clock says frames as fast as the session renders them; press presses
// keys after the given number of audio frames.
func (c *call) clock(press string, after int) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		frame := make([]int16, 160)
		for {
			select {
			case <-c.stop:
				return
			default:
			}
			if c.s.Say(frame) {
				c.frames++
				if c.frames == after {
					for _, k := range press {
						c.s.Digit(k)
					}
				}
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()
}

func (c *call) wait(t *testing.T) Result {
	t.Helper()
	select {
	case r := <-c.ended:
		close(c.stop)
		c.wg.Wait()
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("the application did not end")
	}
	return Result{}
}

const menu = head + `<form id="f">
  <field name="card" type="digits?length=4">
    <prompt bargein="true"><audio src="greeting.wav"/>Enter your card number</prompt>
    <filled><log gvp:dest="record">pause; resume;bogus;</log></filled>
  </field>
  <block><log gvp:dest="record">start;</log><exit namelist="card"/></block>
</form></vxml>`

func TestDigitsBargeInAndExit(t *testing.T) {
	url := serve(t, map[string]string{"/menu.vxml": menu})
	c, err := startCall(t, url+"/menu.vxml")
	if err != nil {
		t.Fatal(err)
	}
	c.clock("1234", 10)
	r := c.wait(t)
	if !r.Normal || r.Exit != "card=1234" {
		t.Fatalf("result %+v, want a normal exit with card 1234", r)
	}
	// The prompt is 1 s of audio plus speech; the keys stopped it at frame 10.
	if c.frames < 10 || c.frames > 11 {
		t.Errorf("%d prompt frames played; barge-in at frame 10 should stop it within a frame", c.frames)
	}
	if got := strings.Join(c.p.cmds, ","); got != "pause,resume,start" {
		t.Errorf("recording commands %q, want pause,resume,start (bogus ignored)", got)
	}
	if c.p.bye != 1 {
		t.Errorf("%d BYEs after <exit>, want 1", c.p.bye)
	}
}

func TestNoInputTimerStartsAfterPrompts(t *testing.T) {
	app := head + `<form><property name="timeout" value="100ms"/>
	  <field name="x" type="digits"><prompt bargein="false"><audio src="a.wav"/></prompt>
	    <noinput><exit expr="'noinput'"/></noinput></field></form></vxml>`
	url := serve(t, map[string]string{"/a.vxml": app})
	c, err := startCall(t, url+"/a.vxml")
	if err != nil {
		t.Fatal(err)
	}
	c.clock("", 0)
	r := c.wait(t)
	if r.Exit != "noinput" {
		t.Fatalf("exit %q, want noinput", r.Exit)
	}
	if c.frames != 50 {
		t.Errorf("%d frames of the 50-frame prompt played before noinput; the timer must start after it", c.frames)
	}
}

func TestCallerHangsUpMidPrompt(t *testing.T) {
	app := head + `<form><field name="x" type="digits"><prompt><audio src="a.wav"/><audio src="a.wav"/></prompt></field>
	  <catch event="connection.disconnect.hangup"><log gvp:dest="record">stop;</log><exit expr="'bye'"/></catch></form></vxml>`
	url := serve(t, map[string]string{"/a.vxml": app})
	c, err := startCall(t, url+"/a.vxml")
	if err != nil {
		t.Fatal(err)
	}
	c.s.Hangup()
	r := c.wait(t)
	if !r.Hangup || r.Exit != "bye" {
		t.Fatalf("result %+v, want the hang-up handled", r)
	}
	if c.p.bye != 0 || strings.Join(c.p.cmds, ",") != "stop" {
		t.Errorf("bye %d, commands %v: want no BYE to a caller who hung up, and the handler's stop", c.p.bye, c.p.cmds)
	}
}

func TestStartFailures(t *testing.T) {
	url := serve(t, map[string]string{"/bad.vxml": "<vxml><form>"})
	for _, tc := range []struct {
		uri  string
		want int
	}{
		{url + "/missing.vxml", 404},
		{url + "/bad.vxml", 500},
		{"http://127.0.0.1:1/none.vxml", 500},
	} {
		_, err := startCall(t, tc.uri)
		var se *StartError
		if !errors.As(err, &se) || se.Status != tc.want {
			t.Errorf("%s: %v, want a StartError with %d", tc.uri, err, tc.want)
		}
	}
}

func TestLoopingScriptEnds(t *testing.T) {
	app := head + `<form id="a"><block><goto next="#a"/></block></form></vxml>`
	url := serve(t, map[string]string{"/loop.vxml": app})
	c, err := startCall(t, url+"/loop.vxml")
	if err != nil {
		t.Fatalf("a document that loads starts, even one that loops: %v", err)
	}
	c.clock("", 0)
	if r := c.wait(t); r.Normal || !strings.HasPrefix(r.Exit, "error.noresource") || c.p.bye != 1 {
		t.Fatalf("result %+v, %d BYEs: want error.noresource and a hang-up", r, c.p.bye)
	}
}
