package vxmlrec

import (
	"math"

	"github.com/reel-project/reel/core/prompt"
)

// beep is 250 ms of 1 kHz at −12 dBFS with 10 ms ramps (no clicks).
var beep = func() *prompt.Audio {
	pcm := make([]int16, 2000)
	for i := range pcm {
		ramp := min(float64(i), float64(len(pcm)-1-i), 80) / 80
		pcm[i] = int16(8192 * ramp * math.Sin(2*math.Pi*1000*float64(i)/8000))
	}
	a, _ := prompt.NewAudio(pcm) // never empty
	return a
}()

// Beep returns the tone played before a <record beep="true"> starts.
func Beep() *prompt.Audio { return beep }
