package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// TestMSMLTwoStartStopCyclesGiveTwoFilesOfTheCall: a conference recording
// stopped by dialogend, then a recording of one connection (conn:<Call-ID>)
// that ends when its leg hangs up; both report on the dialog that started
// them.
func TestMSMLTwoStartStopCyclesGiveTwoFilesOfTheCall(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "msml-cycles", ""))
	tk := talk(t, c)
	tk.at(500 * time.Millisecond)
	ok(t, c.a, startBody("conf:msml-cycles", "audio/wav", "cycle-1"))
	tk.at(2500 * time.Millisecond)
	ok(t, c.a, endBody("conf:msml-cycles/dialog:rec"))
	tk.at(3 * time.Second)
	leg := "conn:" + c.b.CallID()
	ok(t, c.a, startBody(leg, "audio/wav", "cycle-2"))
	tk.at(5 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.b.Bye(ctx); err != nil {
		t.Fatal(err)
	}
	ev := exits(t, c.a, 2)
	checkExit(t, ev[0], "conf:msml-cycles/dialog:rec", "terminate", "cycle-1", 2*time.Second)
	checkExit(t, ev[1], leg+"/dialog:rec", "terminate", "cycle-2", 2*time.Second)
	tk.end(t)
	if err := c.a.Bye(ctx); err != nil {
		t.Fatal(err)
	}
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 2)
	files, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	if len(files) != 2 || !strings.HasSuffix(files[0], "-00000001.wav") || !strings.HasSuffix(files[1], "-00000002.wav") {
		t.Fatalf("files %v, want the call's file 1 and file 2", files)
	}
	for _, d := range docs {
		if n := len(d.EventHistory); n != 2 {
			t.Errorf("%s: %d events, want start and stop", d.ID, n)
		}
	}
	t.Run("the connection recording holds only its leg", func(t *testing.T) {
		pcm, err := oracle.DecodePCM(files[1])
		if err != nil {
			t.Fatal(err)
		}
		if l, r := oracle.MaxAbs(window(pcm, 0, 0, 2)), oracle.RMS(window(pcm, 1, 0.2, 1.8)); l != 0 || r < 300 {
			t.Errorf("left (party A) peaks at %d, right (party B) RMS %.0f: want only B", l, r)
		}
	})
}

// TestMSMLRecordingContinuesAcrossATransferAndEndsWithTheLastLeg: a
// recording MSML started keeps one file across a re-INVITE to another phone
// and past the first BYE, and ends when the last leg leaves.
func TestMSMLRecordingContinuesAcrossATransferAndEndsWithTheLastLeg(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "msml-transfer", ""))
	tk := talk(t, c)
	tk.at(300 * time.Millisecond)
	ok(t, c.a, startBody("conf:msml-transfer", "audio/wav", "transfer"))
	began := time.Now()
	tk.at(1500 * time.Millisecond)
	// Party B moves to another phone; the talker reads the parties, so it
	// pauses for the swap.
	tk.end(t)
	other, err := sipemu.NewParty(0, 0x4444)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	c.b.SetParty(other)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.b.Reinvite(ctx); err != nil {
		t.Fatalf("transfer: %v", err)
	}
	tk = talk(t, c)
	tk.at(time.Second)
	if err := c.b.Bye(ctx); err != nil {
		t.Fatal(err)
	}
	tk.at(1500 * time.Millisecond)
	tk.end(t)
	if err := c.a.Bye(ctx); err != nil {
		t.Fatal(err)
	}
	length := time.Since(began).Seconds()
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	if info := probe(t, wav, "pcm_mulaw", 2); info.Duration < length-0.15 || info.Duration > length+0.05 {
		t.Errorf("WAV %.3f s, start to last BYE %.3f s: want one continuous file", info.Duration, length)
	}
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	if r := oracle.RMS(window(pcm, 1, 1.4, 2.0)); r < 300 {
		t.Errorf("right channel after the transfer: RMS %.0f, want the new phone's audio", r)
	}
	if end := docs[0].MediaFiles[0].Completeness.EndReason; end != "terminate" {
		t.Errorf("end reason %q", end)
	}
	if n := len(c.a.Infos()) + len(c.b.Infos()); n != 0 {
		t.Errorf("%d INFOs sent to dialogs that had ended", n)
	}
}

// TestMSMLMaxTimeEndsTheRecordingWithRecordEndMaxtime: <record maxtime=>
// stops the recording by itself and says so in msml.dialog.exit.
func TestMSMLMaxTimeEndsTheRecordingWithRecordEndMaxtime(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "msml-maxtime", ""))
	tk := talk(t, c)
	tk.at(200 * time.Millisecond)
	ok(t, c.b, `<msml version="1.1"><dialogstart target="conf:msml-maxtime" name="short">`+
		`<record format="audio/wav" maxtime="800ms"/><param name="id">short-1</param></dialogstart></msml>`)
	checkExit(t, exits(t, c.b, 1)[0], "conf:msml-maxtime/dialog:short", "maxtime", "short-1", 800*time.Millisecond)
	if r := info(t, c.b, endBody("conf:msml-maxtime/dialog:short")); r.Response != 401 {
		t.Errorf("stop after maxtime: %d %s, want 401 not recording", r.Response, r.Description)
	}
	tk.end(t)
	c.hangUp(t)
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	if end := docs[0].MediaFiles[0].Completeness.EndReason; end != "maxtime" {
		t.Errorf("end reason %q, want maxtime", end)
	}
}
