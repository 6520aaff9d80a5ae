package app

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// call is a two-party 3PCC call through the emulator.
type call struct {
	a, b      *sipemu.Leg
	sentA     []byte // µ-law, party A (the recorded DN, left channel)
	sentB     []byte // A-law, party B (right channel)
	firstSend time.Time
	lastBye   time.Time
}

// setUpCall runs SIP Server's flow for both parties: INVITE with the party's
// offer, then re-INVITE without SDP answered in the ACK.
func setUpCall(t *testing.T, emu *sipemu.Emulator, mcp, conf string) *call {
	t.Helper()
	return setUpCallWith(t, emu, mcp, conf, nil)
}

// setUpCallWith is setUpCall with a hook that sets the parties up (SRTP)
// before their first SDP.
func setUpCallWith(t *testing.T, emu *sipemu.Emulator, mcp, conf string, parties func(a, b *sipemu.Party)) *call {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &call{}
	pa, err := sipemu.NewParty(0, 0x1111)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := sipemu.NewParty(8, 0x2222)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pa.Close(); pb.Close() })
	if parties != nil {
		parties(pa, pb)
	}
	uri := "sip:msml=" + conf + "@" + mcp + ";dn=7001;record"
	for _, p := range []struct {
		leg   **sipemu.Leg
		party *sipemu.Party
	}{{&c.a, pa}, {&c.b, pb}} {
		l, err := emu.Invite(ctx, uri, p.party)
		if err != nil {
			t.Fatalf("INVITE: %v", err)
		}
		if err := l.ThirdPartyReinvite(ctx); err != nil {
			t.Fatalf("re-INVITE without SDP: %v", err)
		}
		*p.leg = l
	}
	return c
}

// talk sends both parties' audio for the given frames, paced at 20 ms.
func (c *call) talk(t *testing.T, a, b []byte) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	if c.firstSend.IsZero() {
		c.firstSend = time.Now()
	}
	for i := 0; i+160 <= len(a) && i+160 <= len(b); i += 160 {
		if err := c.a.Party.SendFrame(a[i:i+160], i == 0); err != nil {
			t.Fatal(err)
		}
		if err := c.b.Party.SendFrame(b[i:i+160], i == 0); err != nil {
			t.Fatal(err)
		}
		<-tick.C
	}
	c.sentA = append(c.sentA, a...)
	c.sentB = append(c.sentB, b...)
}

func (c *call) hangUp(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, l := range []*sipemu.Leg{c.a, c.b} {
		if err := l.Bye(ctx); err != nil {
			t.Fatalf("BYE: %v", err)
		}
	}
	c.lastBye = time.Now()
}

// received decodes what a party got from the MCP, in sequence order.
func received(p *sipemu.Party, law g711.Law) []int16 {
	pkts := p.Received()
	sort.SliceStable(pkts, func(i, j int) bool {
		return int16(pkts[i].Header.SequenceNumber-pkts[0].Header.SequenceNumber) <
			int16(pkts[j].Header.SequenceNumber-pkts[0].Header.SequenceNumber)
	})
	var out []int16
	for _, pk := range pkts {
		out = append(out, decode(law, pk.Payload)...)
	}
	return out
}

func TestTwoPartyCallIsBridgedAndRecorded(t *testing.T) {
	m, addr := startMCP(t, nil)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, addr, "conf-bridge")
	c.talk(t, audio(t, g711.MuLaw, 10, 4), audio(t, g711.ALaw, 60, 4))
	time.Sleep(200 * time.Millisecond) // let the last frames play out of the jitter buffers
	c.hangUp(t)
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 2)

	t.Run("each party hears the other", func(t *testing.T) {
		checkHears(t, received(c.a.Party, g711.MuLaw), decode(g711.ALaw, c.sentB))
		checkHears(t, received(c.b.Party, g711.ALaw), decode(g711.MuLaw, c.sentA))
	})
	wavPath, mp3Path := recordedFiles(t, dir)
	t.Run("the WAV is stereo µ-law, bit-exact per party, as long as the call's media", func(t *testing.T) {
		info := probe(t, wavPath, "pcm_mulaw", 2)
		media := c.lastBye.Sub(c.firstSend).Seconds()
		if math.Abs(info.Duration-media) > 0.1+float64(m.cfg.Jitter.TargetMs)/1000 {
			t.Errorf("WAV %.3f s, call media %.3f s", info.Duration, media)
		}
		pcm, err := oracle.DecodePCM(wavPath)
		if err != nil {
			t.Fatal(err)
		}
		report := wavDoc(t, docs).MediaFiles[0].Completeness
		checkRecorded(t, "left (party A)", oracle.Channel(pcm, 2, 0), decode(g711.MuLaw, c.sentA), report)
		checkRecorded(t, "right (party B)", oracle.Channel(pcm, 2, 1), muLawOf(decode(g711.ALaw, c.sentB)), report)
	})
	t.Run("the MP3 is 16 kbit/s stereo with each party on its side", func(t *testing.T) {
		info := probe(t, mp3Path, "mp3", 2)
		wav := probe(t, wavPath, "pcm_mulaw", 2)
		if info.BitRate != 16000 || math.Abs(info.Duration-wav.Duration-float64(mp3.EncoderDelay)/8000) > 0.1 {
			t.Errorf("MP3 %+v vs WAV %.3f s", info, wav.Duration)
		}
		pcm, err := oracle.DecodePCM(mp3Path)
		if err != nil {
			t.Fatal(err)
		}
		left, right := oracle.Channel(pcm, 2, 0), oracle.Channel(pcm, 2, 1)
		a, b := decode(g711.MuLaw, c.sentA), decode(g711.ALaw, c.sentB)
		if _, r := oracle.BestLag(a[8000:16000], left, 12000); r < 0.8 {
			t.Errorf("left channel vs party A: r=%.3f", r)
		}
		if _, r := oracle.BestLag(b[8000:16000], right, 12000); r < 0.8 {
			t.Errorf("right channel vs party B: r=%.3f", r)
		}
		if _, r := oracle.BestLag(b[8000:16000], left, 12000); r > 0.3 {
			t.Errorf("left channel carries party B: r=%.3f", r)
		}
	})
	t.Run("the sidecars match the files", func(t *testing.T) {
		for _, d := range docs {
			checkSidecar(t, dir, d)
		}
	})
	t.Run("the sidecars name the conference and each leg's Call-ID and DN", func(t *testing.T) {
		// setUpCall sends both legs to sip:msml=conf-bridge@…;dn=7001;record
		want := []recmeta.Leg{{CallID: c.a.CallID(), DN: "7001", Record: true}, {CallID: c.b.CallID(), DN: "7001", Record: true}}
		for _, d := range docs {
			mf := d.MediaFiles[0]
			if mf.ConfID != "conf-bridge" || !slices.Equal(mf.Legs, want) {
				t.Errorf("%s: confId %q, legs %+v; want conf-bridge, %+v", mf.MediaID, mf.ConfID, mf.Legs, want)
			}
		}
	})
}

// wavDoc returns the metadata of the WAV file among docs.
func wavDoc(t *testing.T, docs []recmeta.Document) recmeta.Document {
	t.Helper()
	for _, d := range docs {
		if d.MediaFiles[0].Type == "audio/wav" {
			return d
		}
	}
	t.Fatal("no WAV metadata")
	return recmeta.Document{}
}

func checkHears(t *testing.T, got, want []int16) {
	t.Helper()
	if len(got) < 16000 {
		t.Fatalf("received %d samples", len(got))
	}
	if _, r := oracle.BestLag(want[8000:16000], got, 12000); r < 0.95 {
		t.Errorf("correlation %.3f, want ≥ 0.95", r)
	}
}

// checkExact finds where want starts in got and demands every sample of it.
func checkExact(t *testing.T, name string, got, want []int16) {
	t.Helper()
	k := find(got, want[:160])
	if k < 0 {
		t.Fatalf("%s: the party's first frame is not in the recording", name)
	}
	n := min(len(want), len(got)-k)
	if n < len(want)-160 {
		t.Errorf("%s: recording holds %d of %d samples", name, n, len(want))
	}
	for i := 0; i < n; i++ {
		if got[k+i] != want[i] {
			t.Fatalf("%s: sample %d differs: %d want %d", name, i, got[k+i], want[i])
		}
	}
}

// checkRecorded is checkExact when the completeness report says the
// recording can be sample-exact (nothing lost, late or time-scaled by the
// jitter buffers). Otherwise — a loaded machine makes the jitter buffer
// stretch frames — three in four 20 ms frames of want must still be found
// sample-exact near where they belong (the rest may have been time-scaled).
func checkRecorded(t *testing.T, name string, got, want []int16, c recmeta.Completeness) {
	t.Helper()
	if c.PacketsLost == 0 && c.PacketsLate == 0 && c.TimeScaledMs == 0 {
		checkExact(t, name, got, want)
		return
	}
	t.Logf("%s: %d ms time-scaled, %d lost, %d late: checking frame by frame", name, c.TimeScaledMs, c.PacketsLost, c.PacketsLate)
	slack := 1600 + int(c.TimeScaledMs+c.ConcealedMs)*8 // samples a frame may have moved
	found, frames := framesFound(got, want, max(find(got, want[:160]), 0), slack)
	if found*4 < frames*3 {
		t.Errorf("%s: %d of %d frames found sample-exact", name, found, frames)
	}
}

// framesFound counts the 20 ms frames of want found sample-exact in got
// within ±slack samples of where they belong (want's sample i at got's k+i).
func framesFound(got, want []int16, k, slack int) (found, frames int) {
	frames = len(want) / 160
	for f := 0; f < frames; f++ {
		lo := max(0, k+f*160-slack)
		hi := min(len(got), k+f*160+160+slack)
		if lo < hi && find(got[lo:hi], want[f*160:f*160+160]) >= 0 {
			found++
		}
	}
	return found, frames
}

func find(hay, needle []int16) int {
outer:
	for k := 0; k+len(needle) <= len(hay); k++ {
		for i, v := range needle {
			if hay[k+i] != v {
				continue outer
			}
		}
		return k
	}
	return -1
}

// muLawOf is what µ-law storage makes of PCM.
func muLawOf(pcm []int16) []int16 {
	b := make([]byte, len(pcm))
	g711.MuLaw.EncodeTo(b, pcm)
	return decode(g711.MuLaw, b)
}

func probe(t *testing.T, path, codec string, channels int) oracle.Info {
	t.Helper()
	info, err := oracle.Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Codec != codec || info.Channels != channels || info.SampleRate != 8000 {
		t.Fatalf("%s: %+v", filepath.Base(path), info)
	}
	return info
}

func recordedFiles(t *testing.T, dir string) (wav, mp3 string) {
	t.Helper()
	w, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	m, _ := filepath.Glob(filepath.Join(dir, "*.mp3"))
	if len(w) != 1 || len(m) != 1 {
		t.Fatalf("files: %v %v", w, m)
	}
	return w[0], m[0]
}

func checkSidecar(t *testing.T, dir string, d recmeta.Document) {
	t.Helper()
	mf := d.MediaFiles[0]
	st, err := os.Stat(filepath.Join(dir, mf.MediaID))
	if err != nil {
		t.Fatal(err)
	}
	if mf.Size != strconv.FormatInt(st.Size(), 10) {
		t.Errorf("%s: size %s, file %d", mf.MediaID, mf.Size, st.Size())
	}
	c := mf.Completeness
	if c.PacketsExpected < 390 || c.PacketsLost != 0 || c.EndReason != "terminate" {
		t.Errorf("%s: completeness %+v", mf.MediaID, c)
	}
	if mf.Parameters["dn"] != "7001" || mf.Parameters["recordDN"] != "7001" {
		t.Errorf("parameters %v", mf.Parameters)
	}
	if len(d.EventHistory) != 2 || d.EventHistory[0].Event != "start" || d.EventHistory[1].Event != "stop" {
		t.Errorf("events %+v", d.EventHistory)
	}
}
