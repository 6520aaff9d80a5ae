package prompt

import (
	"testing"
	"time"
)

func TestPlayerPlaysTheQueueInOrderThenSilence(t *testing.T) {
	p := NewPlayer()
	p.Enqueue(Item{Audio: mustAudio(t, ramp(200))}, Item{Silence: 5 * time.Millisecond}, Item{Audio: mustAudio(t, ramp(100))}, Item{})
	var got []int16
	frame := make([]int16, FrameSamples)
	for range 3 {
		if !p.Next(frame) {
			t.Fatal("no prompt audio in a frame while queued")
		}
		got = append(got, frame...)
	}
	want := append(append(ramp(200), make([]int16, 40)...), ramp(100)...)
	want = append(want, make([]int16, 480-len(want))...)
	equalSamples(t, got, want)
	if p.Playing() || p.Next(frame) || p.Played() != 340*time.Second/8000 {
		t.Fatalf("after the queue: playing %v, played %v", p.Playing(), p.Played())
	}
	select {
	case <-p.Idle():
	default:
		t.Fatal("Idle not closed after the queue played")
	}
}

func TestPlayerStopTakesEffectAtTheNextFrame(t *testing.T) {
	p := NewPlayer()
	p.Enqueue(Item{Audio: mustAudio(t, ramp(8000)), Bargein: false}, Item{Audio: mustAudio(t, ramp(8000))})
	frame := make([]int16, FrameSamples)
	p.Next(frame)
	idle := p.Idle()
	if n := p.Stop(); n != 2 {
		t.Fatalf("Stop dropped %d items", n)
	}
	if p.Next(frame) {
		t.Fatal("audio after Stop")
	}
	for _, s := range frame {
		if s != 0 {
			t.Fatal("non-silent frame after Stop")
		}
	}
	<-idle
}

func TestPlayerBargeInHonoursBargein(t *testing.T) {
	p := NewPlayer()
	p.Enqueue(Item{Audio: mustAudio(t, ramp(160)), Bargein: false}, Item{Audio: mustAudio(t, ramp(160)), Bargein: true}, Item{Audio: mustAudio(t, ramp(160))})
	if p.BargeIn() {
		t.Fatal("barged into a bargein=false prompt")
	}
	frame := make([]int16, FrameSamples)
	p.Next(frame)
	if !p.BargeIn() || p.Playing() {
		t.Fatal("barge-in did not empty the queue")
	}
	if p.BargeIn() {
		t.Fatal("barge-in with nothing playing")
	}
}

func TestPlayerNextDoesNotAllocate(t *testing.T) {
	p := NewPlayer()
	a := mustAudio(t, ramp(8000*60))
	p.Enqueue(Item{Audio: a})
	frame := make([]int16, FrameSamples)
	if n := testing.AllocsPerRun(1000, func() { p.Next(frame) }); n != 0 {
		t.Fatalf("%v allocations per Next", n)
	}
}
