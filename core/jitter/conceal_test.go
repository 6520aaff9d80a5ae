package jitter

import (
	"math"
	"testing"
)

func TestPitchFindsThePeriod(t *testing.T) {
	for _, period := range []int{20, 37, 57, 80, 119} {
		rec := make([]int16, 240)
		for i := range rec {
			rec[i] = int16(6000*math.Sin(2*math.Pi*float64(i)/float64(period)) + 2000*math.Sin(6*math.Pi*float64(i)/float64(period)))
		}
		if got := pitch(rec, 20, 120); got%period != 0 {
			t.Errorf("period %d: pitch %d", period, got)
		}
	}
}

func TestConcealmentRepeatsThePeriodAndFadesOut(t *testing.T) {
	c := newConcealer(8000, 480)
	frame := make([]int16, 160)
	for i := range frame {
		frame[i] = int16(8000 * math.Sin(2*math.Pi*float64(i)/40))
	}
	c.remember(frame)
	c.remember(frame)
	c.begin(nil)
	var out []int16
	for {
		v, ok := c.next()
		if !ok {
			break
		}
		out = append(out, v)
	}
	if len(out) != 480 {
		t.Fatalf("%d samples concealed, want 480", len(out))
	}
	for i := 0; i < 40; i++ { // the first period continues the wave
		if d := math.Abs(float64(out[i]) - 8000*math.Sin(2*math.Pi*float64(i)/40)); d > 8000*float64(i+1)/480+2 {
			t.Fatalf("sample %d = %d, want the wave continued", i, out[i])
		}
	}
	if tail := out[470:]; math.Abs(float64(tail[len(tail)-1])) > 200 {
		t.Errorf("last sample %d, want faded to near zero", tail[len(tail)-1])
	}
}
