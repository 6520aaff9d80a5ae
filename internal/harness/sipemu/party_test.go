package sipemu

import (
	"testing"
	"time"
)

// TestCountTakesAStampOlderThanTheLast: kernel arrival stamps and
// time.Now can disagree, so a packet may seem to arrive before the one
// counted last. It used to index the histogram at -1 and panic.
func TestCountTakesAStampOlderThanTheLast(t *testing.T) {
	var p Party
	t0 := time.Unix(1000, 0)
	p.count(t0)
	p.count(t0.Add(-3 * time.Millisecond))
	p.count(t0.Add(20 * time.Millisecond))
	p.count(t0.Add(time.Hour))
	s := p.Stats()
	if s.Packets != 4 || s.Spacing[0] != 1 || s.Spacing[20] != 1 || s.Spacing[len(s.Spacing)-1] != 1 {
		t.Errorf("stats %d packets, spacing[0]=%d [20]=%d [last]=%d; want 4, 1, 1, 1",
			s.Packets, s.Spacing[0], s.Spacing[20], s.Spacing[len(s.Spacing)-1])
	}
}
