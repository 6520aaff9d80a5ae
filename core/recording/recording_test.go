package recording

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
)

// mp3Delay is the encoder delay every decoder adds to an MP3 without a LAME
// tag (codecs/mp3.EncoderDelay): the media time is the probed duration minus it.
const mp3Delay = float64(mp3.EncoderDelay) / 8000

// music returns n seconds of the real test audio (decoded µ-law) from offset s.
func music(t *testing.T, offset, seconds int) []int16 {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	raw = raw[offset*8000 : (offset+seconds)*8000]
	pcm := make([]int16, len(raw))
	g711.MuLaw.DecodeTo(pcm, raw)
	return pcm
}

func tone(n int, hz float64) []int16 {
	out := make([]int16, n)
	for i := range out {
		out[i] = int16(8000 * math.Sin(2*math.Pi*hz*float64(i)/8000))
	}
	return out
}

// feed writes frames of left/right from frame a to b.
func feed(r *Recording, left, right []int16, a, b int) {
	var f [frameSamples]int16
	for i := a; i < b; i++ {
		for j := 0; j < 160; j++ {
			f[2*j], f[2*j+1] = left[i*160+j], right[i*160+j]
		}
		r.Write(f[:])
	}
}

func TestRecordingWritesEveryFormatWithPauseAsSilence(t *testing.T) {
	dir := t.TempDir()
	formats, err := ParseFormats([]string{"mp3-16-stereo", "wav-pcmu"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r, err := Start(Options{ID: "rec-1", CallUUID: "CALL1", Dir: dir, Formats: formats, Node: 0xab, Seq: 7,
		Counter: 1, Start: start, QueueFrames: 400, Meta: recmeta.Meta{Tenant: "acme", Parameters: map[string]string{"rp.x": "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	left, right := music(t, 10, 6), tone(6*8000, 700)
	feed(r, left, right, 0, 100) // 0–2 s audio
	if err := r.Pause(start.Add(2 * time.Second)); err != nil {
		t.Fatal(err)
	}
	feed(r, left, right, 100, 200) // 2–4 s paused: silence
	if err := r.Resume(start.Add(4 * time.Second)); err != nil {
		t.Fatal(err)
	}
	feed(r, left, right, 200, 300) // 4–6 s audio
	res, err := r.Stop(start.Add(6*time.Second), "terminate", recmeta.Completeness{PacketsExpected: 600, PacketsReceived: 600})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duration != 6*time.Second || len(res.Files) != 2 {
		t.Fatalf("result %+v", res)
	}
	wantName := "CALL1_2026-01-02_03-04-05-000000ab-00000007-00000001.wav"
	wav := res.Files[1]
	if wav.MediaID != wantName {
		t.Fatalf("name %q, want %q", wav.MediaID, wantName)
	}
	t.Run("the WAV is G.711 stereo, bit-exact, silent while paused", func(t *testing.T) {
		checkWAV(t, wav.Path, left, right)
	})
	t.Run("the MP3 is 16 kbit/s stereo of the right length with silence while paused", func(t *testing.T) {
		checkMP3(t, res.Files[0].Path, left)
	})
	t.Run("the sidecar describes the file", func(t *testing.T) {
		checkSidecar(t, wav, res)
	})
}

func checkWAV(t *testing.T, path string, left, right []int16) {
	info, err := oracle.Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Codec != "pcm_mulaw" || info.Channels != 2 || info.SampleRate != 8000 || math.Abs(info.Duration-6) > 0.001 {
		t.Fatalf("ffprobe: %+v", info)
	}
	pcm, err := oracle.DecodePCM(path)
	if err != nil {
		t.Fatal(err)
	}
	l, r := oracle.Channel(pcm, 2, 0), oracle.Channel(pcm, 2, 1)
	if len(l) != 48000 {
		t.Fatalf("%d samples per channel, want 48000", len(l))
	}
	if m := oracle.MaxAbs(l[16000:32000]) + oracle.MaxAbs(r[16000:32000]); m != 0 {
		t.Fatalf("paused part not digital silence: max %d", m)
	}
	for i := 0; i < 48000; i++ {
		if i >= 16000 && i < 32000 {
			continue
		}
		if roundTrip(left[i]) != l[i] || roundTrip(right[i]) != r[i] {
			t.Fatalf("sample %d: got %d/%d want %d/%d", i, l[i], r[i], roundTrip(left[i]), roundTrip(right[i]))
		}
	}
}

// roundTrip is what µ-law storage does to a sample.
func roundTrip(s int16) int16 {
	var b [1]byte
	var o [1]int16
	g711.MuLaw.EncodeTo(b[:], []int16{s})
	g711.MuLaw.DecodeTo(o[:], b[:])
	return o[0]
}

func checkMP3(t *testing.T, path string, left []int16) {
	info, err := oracle.Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Codec != "mp3" || info.Channels != 2 || info.SampleRate != 8000 || info.BitRate != 16000 ||
		math.Abs(info.Duration-6-mp3Delay) > 0.1 {
		t.Fatalf("ffprobe: %+v", info)
	}
	pcm, err := oracle.DecodePCM(path)
	if err != nil {
		t.Fatal(err)
	}
	l := oracle.Channel(pcm, 2, 0)
	lag, c := oracle.BestLag(left[4000:12000], l[4000:], 2000)
	if c < 0.8 {
		t.Fatalf("left channel correlation %.3f at lag %d", c, lag)
	}
	// The paused 2–4 s, shifted by the encoder delay, with 100 ms margin each side.
	quiet := l[16000+lag+800 : 32000+lag-800]
	if rms := oracle.RMS(quiet); rms > 50 {
		t.Fatalf("paused part RMS %.1f, want near silence", rms)
	}
}

func checkSidecar(t *testing.T, f FileResult, res Result) {
	b, err := os.ReadFile(f.Path + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var doc recmeta.Document
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(f.Path)
	mf := doc.MediaFiles[0]
	if doc.ID != "CALL1" || mf.MediaID != filepath.Base(f.Path) || mf.Size != strconv.FormatInt(st.Size(), 10) ||
		mf.Duration != "6000" || mf.Type != "audio/wav" || mf.Tenant != "acme" || mf.Parameters["rp.x"] != "1" {
		t.Fatalf("sidecar %+v", doc)
	}
	if mf.Completeness.PausedMs != 2000 || mf.Completeness.PacketsExpected != 600 || mf.Completeness.EndReason != "terminate" {
		t.Fatalf("completeness %+v", mf.Completeness)
	}
	var kinds []string
	for _, e := range doc.EventHistory {
		kinds = append(kinds, e.Event)
	}
	if len(kinds) != 4 || kinds[0] != "start" || kinds[1] != "pause" || kinds[2] != "resume" || kinds[3] != "stop" {
		t.Fatalf("events %v", kinds)
	}
	if doc.StartTime != "2026-01-02T03:04:05.000+0000" {
		t.Fatalf("startTime %q", doc.StartTime)
	}
}

func TestStateMachineRefusesWhatItsStateDoesNotAllow(t *testing.T) {
	formats, _ := ParseFormats([]string{"wav-pcm16"})
	r, err := Start(Options{ID: "x", Dir: t.TempDir(), Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := r.Resume(now); err == nil {
		t.Fatal("resume while recording accepted")
	}
	if err := r.Pause(now); err != nil {
		t.Fatal(err)
	}
	if err := r.Pause(now); err == nil {
		t.Fatal("pause while paused accepted")
	}
	if _, err := r.Stop(now, "terminate", recmeta.Completeness{}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Stop(now, "terminate", recmeta.Completeness{}); err == nil {
		t.Fatal("second stop accepted")
	}
	if r.State() != "stopped" {
		t.Fatalf("state %s", r.State())
	}
}

func TestMonoMP3IsTheDownmix(t *testing.T) {
	formats, _ := ParseFormats([]string{"mp3-8-mono"})
	r, err := Start(Options{ID: "m", Dir: t.TempDir(), Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	left, right := music(t, 20, 3), make([]int16, 3*8000)
	feed(r, left, right, 0, 150)
	res, err := r.Stop(time.Now(), "terminate", recmeta.Completeness{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := oracle.Probe(res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Channels != 1 || info.BitRate != 8000 || math.Abs(info.Duration-3-mp3Delay) > 0.1 {
		t.Fatalf("ffprobe %+v", info)
	}
}

func TestFormatNames(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		fail bool
	}{
		{[]string{"mp3-16-stereo", "wav-pcmu"}, false},
		{[]string{"mp3-8-mono", "mp3-32-stereo"}, true}, // two .mp3 files would collide
		{[]string{"ogg"}, true},
		{nil, true},
	} {
		_, err := ParseFormats(tc.in)
		if (err != nil) != tc.fail {
			t.Errorf("%v: err %v", tc.in, err)
		}
	}
	for mime, want := range map[string]string{"": "mp3-16-stereo", "audio/mp3": "mp3-16-stereo",
		"audio/wav": "wav-pcmu", "audio/x-wav;codec=pcm": "wav-pcm16", "audio/x-wav; codec=pcm": "wav-pcm16"} {
		f, err := FormatForMIME(mime)
		if err != nil || f.Name != want {
			t.Errorf("%q: %v %v", mime, f.Name, err)
		}
	}
	if _, err := FormatForMIME("video/mp4"); err == nil {
		t.Error("video/mp4 accepted")
	}
}

func TestAFullQueueIsCountedNeverSilent(t *testing.T) {
	formats, _ := ParseFormats([]string{"mp3-16-stereo"})
	r, err := Start(Options{ID: "q", Dir: t.TempDir(), Formats: formats, QueueFrames: 2})
	if err != nil {
		t.Fatal(err)
	}
	left := music(t, 0, 10)
	feed(r, left, left, 0, 500) // 10 s offered far faster than real time
	res, err := r.Stop(time.Now(), "terminate", recmeta.Completeness{})
	if err != nil {
		t.Fatal(err)
	}
	written := int64(res.Duration / codecs.FrameDuration)
	if res.Report.FramesDropped == 0 || written+res.Report.FramesDropped != 500 {
		t.Fatalf("written %d + dropped %d, want 500 with some dropped", written, res.Report.FramesDropped)
	}
}

func TestStartTouchesNoFileSystemAndTheFirstFramesWaitForTheFiles(t *testing.T) {
	formats, _ := ParseFormats([]string{"mp3-16-stereo", "wav-pcmu"})
	dir := filepath.Join(t.TempDir(), "not", "yet")
	pool := &Pool{work: make(chan *writer, 16)} // no worker yet: nothing can open the files
	r, err := Start(Options{ID: "lazy", Dir: dir, Formats: formats, Pool: pool})
	if err != nil {
		t.Fatal(err)
	}
	left := music(t, 0, 2)
	feed(r, left, left, 0, 100)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Start or Write touched the file system: %v", err)
	}
	pool.wg.Add(1)
	go pool.worker()
	defer pool.Close()
	res, err := r.Stop(time.Now(), "terminate", recmeta.Completeness{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duration != 2*time.Second || len(res.Files) != 2 || res.Report.FramesDropped != 0 {
		t.Fatalf("result %+v: want both files with all 2 s", res)
	}
}

func TestFilesThatCannotBeCreatedFailTheRecordingNotTheCaller(t *testing.T) {
	formats, _ := ParseFormats([]string{"wav-pcmu"})
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Start(Options{ID: "bad", Dir: filepath.Join(blocker, "sub"), Formats: formats})
	if err != nil {
		t.Fatalf("Start: %v, want the error later", err)
	}
	left := music(t, 0, 1)
	feed(r, left, left, 0, 50)
	res, err := r.Stop(time.Now(), "terminate", recmeta.Completeness{})
	if !errors.Is(err, ErrOpen) || len(res.Files) != 0 || !r.Failed() {
		t.Fatalf("Stop: %v, files %v, failed %v: want ErrOpen and no files", err, res.Files, r.Failed())
	}
}
