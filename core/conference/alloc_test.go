package conference

import (
	"testing"
	"time"

	"github.com/reel-project/reel/codecs"
)

// The hot-path rule (no allocation per packet or tick) for the whole tick:
// poll the legs' sockets into their jitter buffers, mix, encode and send.
func TestATickWithPacketsDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool allocate")
	}
	c, legs := benchConference(t, false)
	send := loopbackSender(t, legs)
	now, i := time.Now(), 0
	c.tick(now) // warm the scratch pool
	n := testing.AllocsPerRun(100, func() {
		send(i)
		i++
		now = now.Add(codecs.FrameDuration)
		c.tick(now)
	})
	if n != 0 {
		t.Fatalf("a tick allocates %.1f times", n)
	}
	if got := legs[0].sess.Stats().PacketsReceived; got == 0 {
		t.Fatal("the ticks polled no packets")
	}
}
