//go:build cgo

package lame

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// encoderDelay is LAME's delay for Layer III, in samples: 576 of encoder
// look-ahead plus the 529-sample MDCT/filterbank delay of every decoder.
// Without a LAME tag decoders cannot trim it, so it shows up as leading
// silence and as 138 ms of extra duration.
const encoderDelay = 576 + 529

const frameSamples = 576

// floors are the pass marks for music decoded with ffmpeg. Measured with
// LAME 3.100 at -q 7 on 20 s of the test music: mono 8k corr 0.965 /
// SNR 11.6 dB; 16k stereo 0.961–0.965 / 11.2–11.6 dB; 32k stereo
// 0.989–0.991 / 16.4–16.9 dB. The ceiling is LAME's low-pass (3.0 kHz at
// 8k, 3.6 kHz at 16k; none at 32k): music energy above it counts as error.
// The floors sit ~2.5 dB below so another LAME or decoder build passes,
// while a swapped channel (corr ≈ 0.05), a wrong rate or a misaligned
// stream (corr < 0.5) fails.
var floors = map[mp3.Mode]struct{ corr, snr float64 }{
	mp3.Mono8:    {0.94, 9},
	mp3.Stereo16: {0.94, 9},
	mp3.Stereo32: {0.98, 14},
}

func TestEncoderOutputDecodes(t *testing.T) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		in := testInput(t, m, 20)
		for _, ms := range []int{10, 20, 30} {
			t.Run(fmt.Sprintf("%s in %d ms frames", m, ms), func(t *testing.T) {
				mp3 := encode(t, m, in, ms)
				checkProbe(t, m, writeTemp(t, "out.mp3", mp3), len(in)/m.Channels())
				checkQuality(t, m, in, decodeFFmpeg(t, mp3))
			})
		}
	}
	t.Run("mpg123 agrees", func(t *testing.T) {
		in := testInput(t, mp3.Stereo16, 20)
		checkQuality(t, mp3.Stereo16, in, decodeMpg123(t, encode(t, mp3.Stereo16, in, 20)))
	})
}

// checkProbe asserts what ffprobe reads: exact CBR and a duration of the
// input plus LAME's delay, padded to at most one more frame.
func checkProbe(t *testing.T, m mp3.Mode, path string, samples int) {
	t.Helper()
	p := ffprobe(t, path)
	s := p.Streams[0]
	want := fmt.Sprint(m.Bitrate() * 1000)
	if s.CodecName != "mp3" || s.SampleRate != "8000" || s.Channels != m.Channels() || s.BitRate != want {
		t.Errorf("ffprobe: %+v; want mp3, 8000 Hz, %d ch, %s bit/s", s, m.Channels(), want)
	}
	extra := atof(t, p.Format.Duration) - float64(samples+encoderDelay)/8000
	if extra < -0.001 || extra > frameSamples/8000.0 {
		t.Errorf("duration %s s: %.3f s beyond input + delay, want 0..0.072", p.Format.Duration, extra)
	}
}

// checkQuality aligns every decoded channel with its input and compares.
func checkQuality(t *testing.T, m mp3.Mode, in, dec []int16) {
	t.Helper()
	ch, f := m.Channels(), floors[m]
	if n := len(dec)/ch - len(in)/ch - encoderDelay; n < 0 || n >= frameSamples {
		t.Errorf("decoded %d samples per channel, want input %d + delay %d + <1 frame", len(dec)/ch, len(in)/ch, encoderDelay)
	}
	for c := range ch {
		ref, out := channel(in, ch, c), channel(dec, ch, c)
		if lag := findLag(ref, out, 3000); lag != encoderDelay {
			t.Errorf("channel %d: lag %d samples, want LAME's %d", c, lag, encoderDelay)
		}
		a, b := aligned(ref, out, encoderDelay)
		if r, s := correlation(a, b), snr(a, b); r < f.corr || s < f.snr {
			t.Errorf("channel %d: corr %.3f SNR %.1f dB, want ≥ %.2f and ≥ %.0f dB", c, r, s, f.corr, f.snr)
		}
		if ch == 2 {
			checkSeparation(t, channel(in, 2, 1-c), out, c)
		}
	}
}

// checkSeparation asserts decoded channel c does not carry the other input
// channel: the two test passages correlate at about 0.04, and so does the
// decoded output (measured 0.045); a mid/side or mixing bug gives ≥ 0.5.
func checkSeparation(t *testing.T, other, out []int16, c int) {
	t.Helper()
	a, b := aligned(other, out, encoderDelay)
	if r := correlation(a, b); math.Abs(r) > 0.2 {
		t.Errorf("channel %d correlates %.3f with the other input channel, want |r| ≤ 0.2", c, r)
	}
}

func TestEncoderSilenceStaysSilent(t *testing.T) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		t.Run(m.String(), func(t *testing.T) {
			dec := decodeFFmpeg(t, encode(t, m, make([]int16, 5*8000*m.Channels()), 20))
			peak := 0
			for _, v := range dec {
				peak = max(peak, int(v), -int(v))
			}
			if len(dec) == 0 || peak > 1 { // measured: 0
				t.Fatalf("decoded %d samples with peak %d, want near-silence", len(dec), peak)
			}
		})
	}
}

// TestEncoderStreams checks that WritePCM hands bytes to w as it goes:
// after each second of input and Flush, what w already holds decodes to
// nearly that second. It lags by LAME's look-ahead and its bit reservoir
// (up to 255 bytes for MPEG-2.5, i.e. 255 ms at 8 kbit/s) minus the 138 ms
// of priming the decoder outputs first. Measured worst lag over 40 s:
// 0.355 s at 8k, 0.225 s at 16k, 0.155 s at 32k.
func TestEncoderStreams(t *testing.T) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		t.Run(m.String(), func(t *testing.T) {
			var w bytes.Buffer
			e, err := NewEncoder(&w, m)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			in, sec := testInput(t, m, 8), 8000*m.Channels()
			allowed := 255*8/float64(m.Bitrate()*1000) + 2*frameSamples/8000.0
			for n := 1; n <= 8; n++ {
				writeFrames(t, e, in[(n-1)*sec:n*sec], 160*m.Channels())
				if err := e.Flush(); err != nil {
					t.Fatal(err)
				}
				got := float64(len(decodeFFmpeg(t, w.Bytes()))) / float64(sec)
				if got < float64(n)-allowed {
					t.Errorf("after %d s and Flush, w decodes to %.3f s, want ≥ %.3f", n, got, float64(n)-allowed)
				}
			}
		})
	}
}
