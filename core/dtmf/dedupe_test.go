package dtmf

import (
	"testing"
	"time"
)

func TestDeduperCountsEachPressOnce(t *testing.T) {
	t0 := time.Unix(1000, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	var d Deduper
	steps := []struct {
		key  byte
		path Path
		at   time.Time
		want bool
	}{
		{'5', InBand, ms(0), true},     // tones first
		{'5', RFC4733, ms(280), false}, // the same press's event, at its end
		{'5', INFO, ms(400), false},    // and its INFO
		{'5', InBand, ms(500), true},   // the caller presses 5 again
		{'5', RFC4733, ms(780), false},
		{'1', RFC4733, ms(900), true},
		{'2', InBand, ms(910), true},    // another key is another press
		{'1', InBand, ms(2000), true},   // outside the window: a new press
		{'1', RFC4733, ms(2100), false}, // its copy
		{'1', InBand, ms(2150), true},   // in-band again: a new press
	}
	for i, s := range steps {
		if got := d.Press(s.key, s.path, s.at); got != s.want {
			t.Fatalf("step %d (%c on %d at %v): got %v", i, s.key, s.path, s.at.Sub(t0), got)
		}
	}
}

// TestDeduperPairsRepeatedKeysInOrder: "55" sent on two paths, the second
// path lagging, is two presses.
func TestDeduperPairsRepeatedKeysInOrder(t *testing.T) {
	t0 := time.Unix(1000, 0)
	var d Deduper
	n := 0
	for _, e := range []struct {
		path Path
		ms   int
	}{{RFC4733, 0}, {RFC4733, 200}, {INFO, 250}, {INFO, 450}} {
		if d.Press('5', e.path, t0.Add(time.Duration(e.ms)*time.Millisecond)) {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d presses counted, want 2", n)
	}
}
