package app

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func TestTheBuiltInBeepIsAValidTone(t *testing.T) {
	if newTones().beep == nil {
		t.Fatal("no built-in beep")
	}
}

// toneServer serves a 100 ms 1 kHz tone as a PCM16 WAV.
func toneServer(t *testing.T) string {
	t.Helper()
	path := t.TempDir() + "/tone.wav"
	w, err := wav.New(path, wav.Format{Encoding: wav.PCM16, Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WritePCM(beepSamples()[:800]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		http.ServeFile(rw, r, path)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/tone.wav"
}

func TestAnAudiosrcToneIsMixedIntoTheRecordingEveryInterval(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcm16"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "conf-tone", ""))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	body := `<msml version="1.1"><dialogstart target="conf:conf-tone" name="rec" type="application/moml+xml">` +
		`<record dest="file://x" format="audio/x-wav;codec=pcm"/>` +
		`<param name="audiosrc">` + toneServer(t) + `</param><param name="tonesilenceduration">900</param>` +
		`</dialogstart></msml>`
	if res, err := c.a.Info(ctx, "application/msml+xml", []byte(body)); err != nil || res.StatusCode != 200 {
		t.Fatalf("INFO: %v %v", res, err)
	}
	c.talk(t, silent(g711.MuLaw, 3), silent(g711.ALaw, 3))
	c.hangUp(t)
	waitSidecars(t, m.cfg.RecordingDir(), 1)
	wavPath, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	pcm, err := oracle.DecodePCM(wavPath)
	if err != nil {
		t.Fatal(err)
	}
	// The parties sent silence: everything loud is tone. 100 ms of tone every
	// second from whenever the fetched tone attaches (at once, or up to a
	// second later on a loaded machine): in a recording of s seconds, from
	// at most ceil(s) bursts and at least two fewer.
	left := oracle.Channel(pcm, 2, 0)
	most := int(math.Ceil(float64(len(left)) / 8000))
	if n := bursts(left); n < most-2 || n > most {
		t.Errorf("%d tone bursts in the recording's %.1f s, want %d–%d (100 ms every second)", n, float64(len(left))/8000, most-2, most)
	}
	if n := bursts(received(c.a.Party, g711.MuLaw)); n < most-2 || n > most {
		t.Errorf("party A heard %d tone bursts, want %d–%d (recording.tone_parties: both)", n, most-2, most)
	}
}

// bursts counts the loud stretches of pcm.
func bursts(pcm []int16) int {
	n, loud := 0, false
	for i := 0; i+80 <= len(pcm); i += 80 {
		now := oracle.RMS(pcm[i:i+80]) > 2000
		if now && !loud {
			n++
		}
		loud = now
	}
	return n
}

// silent returns seconds of digital silence in law.
func silent(law g711.Law, seconds int) []byte {
	b := make([]byte, seconds*8000)
	for i := range b {
		b[i] = law.Silence()
	}
	return b
}
