package app

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// gir configures the default profile as a real configuration has it:
// ;record waits for the dialogstart (record_from: dialogstart).
func gir(c *config.MCP) {
	p := c.Profiles[config.DefaultProfile]
	p.RecordFrom = config.RecordFromDialogstart
	c.Profiles[config.DefaultProfile] = p
}

// TestAGIRCallRecordsFromTheDialogstartInTheFormatItNames is issue 19 §1:
// SIP Server INVITEs with ;record and starts the recording 2 s later with a
// dialogstart naming audio/wav; the recording holds only what follows it,
// only as WAV, and record.len counts from it.
func TestAGIRCallRecordsFromTheDialogstartInTheFormatItNames(t *testing.T) {
	m, addr := startMCP(t, gir)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "gir-1", ";record"))
	tk := talk(t, c)
	tk.at(2 * time.Second)
	if r := info(t, c.a, sendBody("conf:gir-1/dialog:rec", "pause")); r.Response != 401 {
		t.Errorf("pause before the dialogstart: %d %s, want 401 (no recording yet)", r.Response, r.Description)
	}
	ok(t, c.a, startBody("conf:gir-1", "audio/wav", "GIR-1"))
	tk.at(4 * time.Second)
	for _, body := range []string{sendBody("conf:gir-1/dialog:nope", "pause"), endBody("conf:gir-1/dialog:nope")} {
		if r := info(t, c.a, body); r.Response != 401 {
			t.Errorf("%s: %d %s, want 401 for a dialog that does not exist", body, r.Response, r.Description)
		}
	}
	tk.at(12 * time.Second)
	ok(t, c.a, endBody("conf:gir-1/dialog:rec"))
	checkExit(t, exits(t, c.a, 1)[0], "conf:gir-1/dialog:rec", "terminate", "GIR-1", 10*time.Second)
	tk.end(t)
	c.hangUp(t)
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 1)
	time.Sleep(300 * time.Millisecond) // a second file would be finished by now
	if all, _ := filepath.Glob(filepath.Join(dir, "GIR-1_*")); len(all) != 2 || len(docs) != 1 {
		t.Fatalf("files %v: want one WAV and its sidecar, as the dialogstart asked", all)
	}
	d := docOf(t, docs, "audio/wav")
	info := probe(t, filepath.Join(dir, d.MediaFiles[0].MediaID), "pcm_mulaw", 2)
	if info.Duration < 9.9 || info.Duration > 10.1 {
		t.Errorf("WAV lasts %.3f s, want the 10 s from the dialogstart", info.Duration)
	}
	if c := d.MediaFiles[0].Completeness; c.PausedMs != 0 {
		t.Errorf("completeness %+v: the refused pauses paused it", c)
	}
}

// TestARenamedRecordingLeavesNoActiveFolderAndNoDeadLetterAtRestart is
// issue 19 §2: a dialogstart's <param name="id"> names the recording; in
// both modes — GIR, and first-audio where the dialogstart renames the
// running recording — nothing stays in spool/active, and a restart finds
// nothing to dead-letter.
func TestARenamedRecordingLeavesNoActiveFolderAndNoDeadLetterAtRestart(t *testing.T) {
	data := t.TempDir()
	quiet := slog.New(slog.DiscardHandler)
	m := newMCPLogging(t, func(c *config.MCP) {
		c.DataDir = data
		gir(c)
		first := c.Profiles[config.DefaultProfile]
		first.RecordFrom = config.RecordFromFirstAudio
		c.Profiles["first"] = first
	}, quiet)
	stop := runMCP(t, m)
	udp, _ := m.SIPAddr()
	addr := udp.String()
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	for conf, params := range map[string]string{"rename-gir": ";record", "rename-first": ";record;reel-profile=first"} {
		c := setUpMSMLCall(t, emu, msmlURI(addr, conf, params))
		tk := talk(t, c)
		tk.at(300 * time.Millisecond)
		ok(t, c.a, startBody("conf:"+conf, "audio/wav", "ID-"+conf))
		tk.at(time.Second)
		tk.end(t)
		c.hangUp(t)
	}
	waitDelivered(t, m, 20*time.Second)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(filepath.Join(data, "spool", "active")); len(left) != 0 {
		t.Errorf("spool/active holds %d folders after every recording was delivered", len(left))
	}
	again := newMCPLogging(t, func(c *config.MCP) { c.DataDir = data }, quiet)
	stopAgain := runMCP(t, again)
	defer stopAgain()
	if st := again.spool.Stats(); st.Dead != 0 || st.DeadLettered != 0 || st.Recovered != 0 {
		t.Fatalf("after the restart: %+v, want nothing recovered or dead-lettered", st)
	}
	insp := spool.Inspector{Dir: again.cfg.SpoolDir()}
	if jobs := undelivered(insp); len(jobs) != 0 {
		t.Fatalf("jobs after the restart: %+v", jobs)
	}
}
