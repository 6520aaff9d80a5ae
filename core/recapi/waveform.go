package recapi

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/recmeta"
)

// Waveform is what the console draws for a recording: peaks of its WAV
// file and the spans to shade.
type Waveform struct {
	File       string     `json:"file"` // the WAV the peaks come from
	DurationMs int64      `json:"durationMs"`
	Peaks      []int      `json:"peaks"`  // per bucket, ‰ of full scale, both channels
	Paused     [][2]int64 `json:"paused"` // [from, to) ms from the start, from the event history
	// ConcealedMs is the audio the jitter buffers made up; the document
	// keeps only the total, not where it was.
	ConcealedMs int64 `json:"concealedMs"`
}

// MaxPeaks bounds the buckets one request may ask for.
const MaxPeaks = 4000

func (a *API) waveform(w http.ResponseWriter, r *http.Request) {
	n := 800
	if s := r.URL.Query().Get("peaks"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > MaxPeaks {
			writeJSON(w, http.StatusBadRequest, map[string]any{"statusCode": 400,
				"statusMessage": fmt.Sprintf("peaks %q is not a number in 1..%d", s, MaxPeaks)})
			return
		}
		n = v
	}
	d, err := a.idx.Get(r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if _, ok := d.Document.File(r.PathValue("file")); !ok {
		a.fail(w, r, fmt.Errorf("%w: recording %s has no file %q", ErrNoFile, d.ID, r.PathValue("file")))
		return
	}
	wf, err := a.Waveform(d, n)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wf)
}

// Waveform computes n peaks of the recording's WAV file (an MP3 of the same
// recording is the same audio) and its paused spans.
func (a *API) Waveform(d recindex.Detail, n int) (Waveform, error) {
	var wavID string
	for _, f := range d.Document.MediaFiles {
		if strings.HasSuffix(f.MediaID, ".wav") || f.Type == "audio/wav" {
			wavID = f.MediaID
			break
		}
	}
	if wavID == "" {
		return Waveform{}, fmt.Errorf("%w: recording %s has no WAV file to draw (waveforms need a wav-* format)", ErrNoFile, d.ID)
	}
	path, mf, err := a.Locate(d, wavID)
	if err != nil {
		return Waveform{}, err
	}
	peaks, dur, err := Peaks(path, n)
	if err != nil {
		return Waveform{}, fmt.Errorf("waveform of %s: %w", wavID, err)
	}
	return Waveform{File: wavID, DurationMs: dur.Milliseconds(), Peaks: peaks, Paused: PausedSpans(d.Document),
		ConcealedMs: mf.Completeness.ConcealedMs}, nil
}

// PausedSpans returns the pause→resume spans of doc's event history in ms
// from its start; a pause without a resume runs to the stop.
func PausedSpans(doc recmeta.Document) [][2]int64 {
	start, err := recmeta.ParseTime(doc.StartTime)
	if err != nil {
		return nil
	}
	ms := func(s string) int64 {
		t, err := recmeta.ParseTime(s)
		if err != nil {
			return -1
		}
		return t.Sub(start).Milliseconds()
	}
	out := [][2]int64{}
	from := int64(-1)
	for _, e := range doc.EventHistory {
		switch {
		case e.Event == "pause" && from < 0:
			from = ms(e.Time)
		case (e.Event == "resume" || e.Event == "stop") && from >= 0:
			out = append(out, [2]int64{from, ms(e.Time)})
			from = -1
		}
	}
	if from >= 0 {
		out = append(out, [2]int64{from, ms(doc.StopTime)})
	}
	return out
}

// Peaks reads the WAV file at path (G.711 or PCM16) and returns n peaks in
// ‰ of full scale, over every channel, and the file's duration.
func Peaks(path string, n int) ([]int, time.Duration, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	info, err := wav.Probe(f, fi.Size())
	if err != nil {
		return nil, 0, err
	}
	dec, width, err := decoder(info.Format.Encoding)
	if err != nil {
		return nil, 0, err
	}
	frameBytes := int64(width * info.Format.Channels)
	frames := info.DataSize / frameBytes
	dur := time.Duration(frames) * time.Second / time.Duration(info.Format.SampleRate)
	peaks := make([]int, n)
	per := max(1, (frames+int64(n)-1)/int64(n)) * int64(info.Format.Channels) // samples per bucket
	err = eachSample(io.NewSectionReader(f, info.DataAt, frames*frameBytes), width, dec, func(i int64, v int16) {
		b := int(i / per)
		if b < n {
			peaks[b] = max(peaks[b], abs(int(v))*1000/32768)
		}
	})
	return peaks, dur, err
}

// decoder returns how to decode the samples of e and their width in bytes.
func decoder(e wav.Encoding) (func([]int16, []byte) int, int, error) {
	switch e {
	case wav.MuLaw:
		return g711.MuLaw.DecodeTo, 1, nil
	case wav.ALaw:
		return g711.ALaw.DecodeTo, 1, nil
	case wav.PCM16:
		return func(dst []int16, src []byte) int {
			for i := range len(src) / 2 {
				dst[i] = int16(uint16(src[2*i]) | uint16(src[2*i+1])<<8)
			}
			return len(src) / 2
		}, 2, nil
	}
	return nil, 0, fmt.Errorf("a %s WAV, not G.711 or PCM16", e)
}

// eachSample decodes r in blocks and calls f with every sample's index.
func eachSample(r io.Reader, width int, dec func([]int16, []byte) int, f func(int64, int16)) error {
	buf := make([]byte, 32*1024)
	pcm := make([]int16, len(buf))
	var i int64
	for {
		n, err := io.ReadFull(r, buf)
		n -= n % width
		for _, v := range pcm[:dec(pcm, buf[:n])] {
			f(i, v)
			i++
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
