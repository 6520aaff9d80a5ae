package prompt

import (
	"errors"
	"strings"
	"testing"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/wav"
)

func TestDecodeWAVDecodesEveryEncoding(t *testing.T) {
	alaw, mulaw := make([]int16, 256), make([]int16, 256)
	g711.ALaw.DecodeTo(alaw, allCodes())
	g711.MuLaw.DecodeTo(mulaw, allCodes())
	odd := chunk("LIST", []byte("INFOx")) // odd size: a pad byte follows
	stream := uint32(0xFFFFFFFF)
	tests := []struct {
		name string
		file wavFile
		want []int16
	}{
		{"PCM16 mono is read as is", pcmFile(1, ramp(1234)), ramp(1234)},
		{"A-law mono decodes all 256 codes", lawFile(tagALaw, 1, allCodes()), alaw},
		{"µ-law mono decodes all 256 codes", lawFile(tagMuLaw, 1, allCodes()), mulaw},
		{"PCM16 stereo is averaged", pcmFile(2, []int16{1000, 3000, 32767, 32767, -32768, -32768, -1, 0, 32767, -32768}),
			[]int16{2000, 32767, -32768, -1, -1}},
		{"A-law stereo is decoded then averaged", lawFile(tagALaw, 2, []byte{0xD5, 0x55, 0xD5, 0xD5}), []int16{0, 8}},
		{"µ-law stereo is decoded then averaged", lawFile(tagMuLaw, 2, []byte{0x80, 0x80, 0x00, 0xFF}), []int16{32124, -16062}},
		{"WAVE_FORMAT_EXTENSIBLE PCM is read", withExt(pcmFile(1, ramp(10))), ramp(10)},
		{"WAVE_FORMAT_EXTENSIBLE µ-law is read", withExt(lawFile(tagMuLaw, 1, allCodes())), mulaw},
		{"chunks before fmt and odd chunks between fmt and data are skipped",
			wavFile{tag: tagPCM, channels: 1, rate: 8000, bits: 16, data: pcmBytes(ramp(5)), before: odd, between: odd}, ramp(5)},
		{"a streamed data size is read to the end of the file",
			wavFile{tag: tagPCM, channels: 1, rate: 8000, bits: 16, data: pcmBytes(ramp(7)), dataSize: &stream}, ramp(7)},
		{"a trailing partial frame is dropped",
			wavFile{tag: tagPCM, channels: 2, rate: 8000, bits: 16, data: append(pcmBytes([]int16{2, 4}), 9, 9, 9)}, []int16{3}},
		{"exactly MaxDuration is accepted", pcmFile(1, make([]int16, maxSamples)), make([]int16, maxSamples)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := parseWAV(tt.file.bytes())
			if err != nil {
				t.Fatal(err)
			}
			equalSamples(t, src.Samples(), tt.want)
		})
	}
}

func withExt(w wavFile) wavFile {
	w.extensible = true
	return w
}

func TestDecodeWAVKnownG711Values(t *testing.T) {
	src, err := parseWAV(lawFile(tagALaw, 1, []byte{0xD5, 0x55, 0x2A, 0xAA}).bytes())
	if err != nil {
		t.Fatal(err)
	}
	equalSamples(t, src.Samples(), []int16{8, -8, -32256, 32256})
	src, err = parseWAV(lawFile(tagMuLaw, 1, []byte{0xFF, 0x7F, 0x80, 0x00}).bytes())
	if err != nil {
		t.Fatal(err)
	}
	equalSamples(t, src.Samples(), []int16{0, 0, 32124, -32124})
}

func TestDecodeWAVRejects(t *testing.T) {
	fileWith := func(change func(*wavFile)) []byte {
		w := pcmFile(1, ramp(100))
		change(&w)
		return w.bytes()
	}
	full := pcmFile(1, ramp(100)).bytes()
	tests := []struct {
		name    string
		in      []byte
		want    error
		message string
	}{
		{"empty input is not audio", nil, ErrFormat, "not WAV or MP3"},
		{"text is not audio", []byte("<html>404 not found</html>"), ErrFormat, "not WAV or MP3"},
		{"RIFF without WAVE is not audio", []byte("RIFF\x04\x00\x00\x00AVI "), ErrFormat, "not WAV or MP3"},
		{"a file cut inside the fmt chunk fails", full[:30], ErrFormat, "fmt chunk of 10 bytes"},
		{"a file without a data chunk fails", full[:36], ErrFormat, "no fmt and data"},
		{"data before fmt fails", []byte("RIFF\x00\x00\x00\x00WAVEdata\x02\x00\x00\x00\x01\x02"), ErrFormat, "before fmt"},
		{"IEEE float fails", fileWith(func(w *wavFile) { w.tag, w.bits = 3, 32 }), ErrFormat, "format tag 0x3"},
		{"MP3 in WAV fails", fileWith(func(w *wavFile) { w.tag = 0x55 }), ErrFormat, "format tag 0x55"},
		{"8-bit PCM fails", fileWith(func(w *wavFile) { w.bits = 8 }), ErrFormat, "8 bits per sample"},
		{"16-bit A-law fails", fileWith(func(w *wavFile) { w.tag = tagALaw }), ErrFormat, "16 bits per sample"},
		{"three channels fail", fileWith(func(w *wavFile) { w.channels = 3 }), ErrFormat, "3 channels"},
		{"zero channels fail", fileWith(func(w *wavFile) { w.channels = 0 }), ErrFormat, "0 channels"},
		{"1 kHz fails naming the rate", fileWith(func(w *wavFile) { w.rate = 1000 }), ErrFormat, "1000 Hz"},
		{"384 kHz fails naming the rate", fileWith(func(w *wavFile) { w.rate = 384000 }), ErrFormat, "384000 Hz"},
		{"an empty data chunk fails", fileWith(func(w *wavFile) { w.data = nil }), ErrFormat, "no audio"},
		{"longer than MaxDuration fails", pcmFile(1, make([]int16, maxSamples+1)).bytes(), ErrTooLong, "10.000125s of audio"},
		{"a short extensible fmt chunk fails", withExt(pcmFile(1, nil)).bytes()[:44], ErrFormat, "EXTENSIBLE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseWAV(tt.in)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("got %v, want %v containing %q", err, tt.want, tt.message)
			}
		})
	}
}

func TestDecodeWAVRejectsAWrongBlockAlign(t *testing.T) {
	b := pcmFile(1, ramp(10)).bytes()
	b[32] = 4 // nBlockAlign of a mono PCM16 file
	if _, err := parseWAV(b); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "block align 4, want 2") {
		t.Fatalf("got %v", err)
	}
}

// TestDecodeWAVReadsCodecsWAVFiles cross-checks the parser against the files
// our own recorder writes (which carry a fact chunk for G.711).
func TestDecodeWAVReadsCodecsWAVFiles(t *testing.T) {
	pcm := []int16{100, -100, 2000, 4000, -32768, 32767, 0, 0}
	for _, enc := range []wav.Encoding{wav.PCM16, wav.ALaw, wav.MuLaw} {
		for _, ch := range []int{1, 2} {
			t.Run(enc.String()+" "+string(rune('0'+ch))+" channel", func(t *testing.T) {
				m := &memFile{}
				w, err := wav.NewWith(m, wav.Format{Encoding: enc, Channels: ch})
				if err != nil {
					t.Fatal(err)
				}
				if err := w.WritePCM(pcm); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				src, err := parseWAV(m.b)
				if err != nil {
					t.Fatal(err)
				}
				equalSamples(t, src.Samples(), expectDecoded(enc, ch, pcm))
			})
		}
	}
}

// expectDecoded is what a file written from pcm must parse to: each sample
// through the law (if any), then stereo pairs averaged.
func expectDecoded(enc wav.Encoding, channels int, pcm []int16) []int16 {
	s := append([]int16(nil), pcm...)
	if enc != wav.PCM16 {
		law := map[wav.Encoding]g711.Law{wav.ALaw: g711.ALaw, wav.MuLaw: g711.MuLaw}[enc]
		codes := make([]byte, len(s))
		law.EncodeTo(codes, s)
		law.DecodeTo(s, codes)
	}
	if channels == 2 {
		s = downmix(s)
	}
	return s
}
