package app

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g722"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
)

// TestSIPRECSessionIsRecordedPerParticipant: an SRC (sipp) offers the RFC
// 7866 session of Alice (label 96, the captured audio) and Bob (label 97, a
// tone from the test); a re-INVITE adds Carol on a third stream, one makes
// every stream inactive, one resumes, BYE ends it. The stereo file has
// Alice left and Bob right, silence while inactive, and the metadata lists
// all three.
func TestSIPRECSessionIsRecordedPerParticipant(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	m, addr := siprecMCP(t)
	ct, body := siprecOffer(t, "rfc7866")
	third := strings.Replace(strings.Replace(body, "<datamode>complete</datamode>", "<datamode>partial</datamode>", 1),
		"</recording>", `<participant participant_id="carol"><nameID aor="sip:carol@chicago.com"/></participant>`+
			`<stream stream_id="s3" session_id="hVpd7YQgRW2nD22h7q60JQ=="><label>98</label></stream>`+
			`<participantstreamassoc participant_id="carol"><send>s3</send></participantstreamassoc></recording>`, 1)
	third = strings.Replace(third, "a=label:97\n", "a=label:97\nm=audio [media_port+4] RTP/AVP 0\na=sendonly\na=label:98\n", 1)
	inactive := strings.ReplaceAll(third, "a=sendonly", "a=inactive")
	scenario := writeSIPRECScenario(t, ct, body, 2000,
		siprecReinvite{ct, third, "a=label:98", 1000},
		siprecReinvite{ct, inactive, "a=inactive", 1500},
		siprecReinvite{ct, third, "a=recvonly", 1000})
	var wg sync.WaitGroup
	defer wg.Wait()
	runSIPREC(t, addr, scenario, func(port int) {
		wg.Go(func() { streamTone(t, port, 5000) })
	})
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	mf := docs[0].MediaFiles[0]
	want := map[string]string{"sip:alice@atlanta.com": "left", "sip:bob@biloxi.com": "right", "sip:carol@chicago.com": "right"}
	if got := participants(mf.SIPREC); len(got) != 3 || got["sip:alice@atlanta.com"] != "left" || got["sip:bob@biloxi.com"] != "right" {
		t.Errorf("participants %v, want %v", got, want)
	}
	if mf.SIPREC == nil || mf.SIPREC.RSCallID == "" || mf.SIPREC.SessionIDs[0] != "hVpd7YQgRW2nD22h7q60JQ==" {
		t.Errorf("siprec metadata %+v", mf.SIPREC)
	}
	if mf.Completeness.PausedMs <= 0 {
		t.Errorf("completeness %+v: the inactive re-INVITE paused nothing", mf.Completeness)
	}
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	probe(t, wav, "pcm_mulaw", 2)
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	checkSIPRECChannels(t, docs[0], oracle.Channel(pcm, 2, 0), oracle.Channel(pcm, 2, 1))
}

// checkSIPRECChannels: both channels carry audio before the pause and are
// silent in the middle of it (energy windows: no timing is asserted).
func checkSIPRECChannels(t *testing.T, doc recmeta.Document, left, right []int16) {
	t.Helper()
	start, _ := time.Parse(recmeta.TimeLayout, doc.StartTime)
	var pause, resume time.Duration
	for _, e := range doc.EventHistory {
		at, _ := time.Parse(recmeta.TimeLayout, e.Time)
		switch e.Event {
		case "pause":
			pause = at.Sub(start)
		case "resume":
			resume = at.Sub(start)
		}
	}
	if pause <= 0 || resume <= pause {
		t.Fatalf("event history %+v: want a pause and a resume", doc.EventHistory)
	}
	window := func(s []int16, from, to time.Duration) []int16 {
		a, b := int(from.Seconds()*8000), int(to.Seconds()*8000)
		return s[min(max(a, 0), len(s)):min(max(b, 0), len(s))]
	}
	for name, ch := range map[string][]int16{"left (Alice)": left, "right (Bob)": right} {
		if r := oracle.RMS(window(ch, pause/4, pause*3/4)); r < 300 {
			t.Errorf("%s: RMS %.0f before the pause, want audio", name, r)
		}
		mid := (pause + resume) / 2
		if r := oracle.RMS(window(ch, mid-200*time.Millisecond, mid+200*time.Millisecond)); r > 50 {
			t.Errorf("%s: RMS %.0f while paused, want silence", name, r)
		}
	}
}

// TestSIPRECVendorVariantsAreAnsweredAndRecorded sends every vendor offer
// in core/siprec/testdata/offers through sipp: each is answered (two
// recvonly m-lines, labels echoed) and recorded with its participants.
func TestSIPRECVendorVariantsAreAnsweredAndRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	m, addr := siprecMCP(t)
	// Participants each variant's metadata names (plain SDP: none).
	want := map[string]int{"rfc7866": 2, "draft-namespace": 2, "prefixed": 2, "metadata-no-xml-suffix": 2,
		"extra-gtd": 2, "label-mismatch": 1, "all-inactive": 2, "plain-sdp": 0, "no-boundary-param": 1, "g722": 2}
	files, _ := filepath.Glob(filepath.Join("..", "siprec", "testdata", "offers", "*.txt"))
	seen := map[string]bool{}
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			ct, body := siprecOffer(t, name)
			runSIPREC(t, addr, writeSIPRECScenario(t, ct, body, 600), nil)
			for _, d := range waitSidecars(t, m.cfg.RecordingDir(), i+1) {
				mf := d.MediaFiles[0]
				if seen[mf.MediaID] {
					continue
				}
				seen[mf.MediaID] = true
				if mf.SIPREC == nil || len(mf.SIPREC.Participants) != want[name] || mf.Channels != 2 {
					t.Errorf("%s: %d channels, siprec metadata %+v, want %d participants", name, mf.Channels, mf.SIPREC, want[name])
				}
				probe(t, filepath.Join(m.cfg.RecordingDir(), mf.MediaID), "pcm_mulaw", 2)
			}
		})
	}
}

// TestSIPRECG722StreamIsDecoded: the agent's stream (label "out", left by
// siprec_left) arrives as G.722 packets of ffmpeg-encoded speech; the left
// channel carries that speech decoded to 8 kHz, sample for sample.
func TestSIPRECG722StreamIsDecoded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	m, addr := siprecMCP(t)
	stream := ffmpegG722(t)
	ct, body := siprecOffer(t, "g722")
	var wg sync.WaitGroup
	defer wg.Wait()
	runSIPREC(t, addr, writeSIPRECScenario(t, ct, body, 2500), func(port int) {
		wg.Go(func() { streamPackets(t, port, 9, stream, 160) })
	})
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	if got := participants(docs[0].MediaFiles[0].SIPREC); got["sip:7001@example.com"] != "left" {
		t.Errorf("participants %v: want the agent 7001 left", got)
	}
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int16, len(stream))
	g722.New().DecodeNarrowTo(want, stream)
	// Sample-exact where the jitter buffers did not stretch frames (a
	// loaded machine makes them), frame by frame otherwise.
	checkRecorded(t, "left (the agent's G.722)", oracle.Channel(pcm, 2, 0), muLawOf(want), docs[0].MediaFiles[0].Completeness)
}
