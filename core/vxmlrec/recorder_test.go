package vxmlrec

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/prompt"
)

// caller returns audio: silence, then "speech" (a 300 Hz tone whose level
// wavers like a voice, at about −20 dBFS), then silence, in milliseconds.
func caller(lead, speech, tail int) []int16 {
	pcm := make([]int16, (lead+speech+tail)*8)
	for i := lead * 8; i < (lead+speech)*8; i++ {
		env := 0.6 + 0.4*math.Sin(2*math.Pi*4*float64(i)/8000)
		pcm[i] = int16(3300 * env * math.Sin(2*math.Pi*300*float64(i)/8000))
	}
	for i := range pcm { // line noise at about −66 dBFS
		pcm[i] += int16((i*7919)%33 - 16)
	}
	return pcm
}

// feed writes pcm in 20 ms frames until the recorder ends, and returns the
// milliseconds fed.
func feed(r *Recorder, pcm []int16) int {
	n := 0
	for ; len(pcm) >= 160; pcm = pcm[160:] {
		n += 20
		if r.Write(pcm[:160]) {
			break
		}
	}
	return n
}

func mustNew(t *testing.T, o Options) *Recorder {
	t.Helper()
	r, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFinalSilenceEndsAfterSpeechAndIsCut(t *testing.T) {
	r := mustNew(t, Options{FinalSilence: time.Second, MaxTime: 30 * time.Second, Type: "audio/x-wav"})
	fed := feed(r, caller(500, 1500, 3000))
	if fed != 3000 {
		t.Fatalf("ended after %d ms of input, want 3000 (0.5 s + 1.5 s speech + 1 s silence)", fed)
	}
	res, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if res.End != EndSilence || res.MaxTime || res.TermChar != 0 || res.Duration != 2*time.Second {
		t.Fatalf("%+v", res)
	}
	probe(t, res, "pcm_s16le", 2.0)
}

func TestMaxTimeEndsAndIsReported(t *testing.T) {
	r := mustNew(t, Options{FinalSilence: time.Second, MaxTime: 2 * time.Second, Type: "audio/mpeg"})
	if fed := feed(r, caller(0, 5000, 0)); fed != 2000 {
		t.Fatalf("ended after %d ms", fed)
	}
	res, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if !res.MaxTime || res.End != EndMaxTime || res.Duration != 2*time.Second || res.Type != "audio/mpeg" {
		t.Fatalf("%+v", res)
	}
	probe(t, res, "mp3", 0) // ffprobe counts whole frames, encoder delay included
	a, err := prompt.Decode(res.Audio, prompt.DecodeOptions{})
	if err != nil || a.Duration() != 2*time.Second {
		t.Fatalf("decoded: %v, %v (the Info frame states delay and padding)", a, err)
	}
}

func TestDTMFTerm(t *testing.T) {
	r := mustNew(t, Options{DTMFTerm: true, Type: "audio/wav;codec=pcmu"})
	feed(r, caller(0, 1000, 0))
	if !r.Key('#') || !r.Write(make([]int16, 160)) {
		t.Fatal("a key did not end a dtmfterm recording")
	}
	res, err := r.Finish()
	if err != nil || res.TermChar != '#' || res.End != EndKey || res.Duration != time.Second {
		t.Fatalf("%+v, %v", res, err)
	}
	probe(t, res, "pcm_mulaw", 1.0)

	r = mustNew(t, Options{DTMFTerm: false, Type: "audio/x-wav"})
	feed(r, caller(0, 200, 0))
	if r.Key('5') {
		t.Fatal("a key ended a recording with dtmfterm false")
	}
}

func TestNoSpeechIsNoInput(t *testing.T) {
	r := mustNew(t, Options{FinalSilence: 1500 * time.Millisecond, Type: "audio/x-wav"})
	if fed := feed(r, caller(5000, 0, 0)); fed != 1500 {
		t.Fatalf("ended after %d ms", fed)
	}
	res, err := r.Finish()
	if err != nil || res.Audio != nil || res.Duration != 0 || res.End != EndNoInput {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestUnsupportedTypes(t *testing.T) {
	for _, typ := range []string{"audio/ogg", "video/mp4", "", "audio/wav;codec=g729"} {
		if _, err := New(Options{Type: typ}); !errors.Is(err, ErrType) {
			t.Errorf("%q: %v", typ, err)
		}
	}
}

func TestTheBeepIsAShortAudibleTone(t *testing.T) {
	b := Beep()
	if d := b.Duration(); d != 250*time.Millisecond {
		t.Fatalf("%v", d)
	}
	r := mustNew(t, Options{Type: "audio/x-wav"})
	if !r.speech(b.Samples()[800:960]) {
		t.Fatal("the beep is below the speech level")
	}
}

// probe writes res to a file and checks it with ffprobe: codec, 8 kHz
// mono, and the duration within 10 ms unless secs is 0.
func probe(t *testing.T, res Result, codec string, secs float64) {
	t.Helper()
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Fatal("ffprobe not installed (make deps installs ffmpeg)")
	}
	path := filepath.Join(t.TempDir(), "rec")
	if err := os.WriteFile(path, res.Audio, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels:format=duration", "-of", "default=nw=1", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "codec_name="+codec+"\n") || !strings.Contains(s, "sample_rate=8000") || !strings.Contains(s, "channels=1") {
		t.Fatalf("ffprobe: %s", s)
	}
	for line := range strings.Lines(s) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "duration="); ok {
			got, _ := strconv.ParseFloat(v, 64)
			if secs > 0 && math.Abs(got-secs) > 0.01 {
				t.Fatalf("ffprobe duration %.3f s, want %.3f", got, secs)
			}
		}
	}
}
