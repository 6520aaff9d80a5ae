package console

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reel-project/reel/core/recapi"
)

// waveWidth is how many peaks (SVG units) the detail page draws.
const waveWidth = 600

// waveView is a waveform ready for the SVG: one unit per peak across,
// 200 units high, peaks mirrored around the middle; paused spans as
// [x, width] in the same units.
type waveView struct {
	File        string
	Seconds     string
	Peaks       []int
	Paused      [][2]float64
	ConcealedMs int64
	Path        string
}

func newWaveView(wf recapi.Waveform) *waveView {
	v := &waveView{File: wf.File, Peaks: wf.Peaks, ConcealedMs: wf.ConcealedMs,
		Seconds: strconv.FormatFloat(float64(wf.DurationMs)/1000, 'f', 1, 64)}
	if wf.DurationMs > 0 {
		scale := float64(len(wf.Peaks)) / float64(wf.DurationMs)
		for _, p := range wf.Paused {
			v.Paused = append(v.Paused, [2]float64{float64(p[0]) * scale, float64(p[1]-p[0]) * scale})
		}
	}
	v.Path = peakPath(wf.Peaks)
	return v
}

// peakPath draws one vertical bar per peak, at least one unit tall so that
// silence still shows as a line.
func peakPath(peaks []int) string {
	var b strings.Builder
	for i, p := range peaks {
		h := max(1, p*200/1000)
		fmt.Fprintf(&b, "M%d %dh1v%dh-1z", i, 100-h/2, h)
	}
	return b.String()
}
