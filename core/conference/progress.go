package conference

import (
	"time"
)

// progressEvery is how often the recording gets the legs' packet
// accounting so far, which it persists for a crash repair to report.
const progressEvery = time.Second

// progressLocked hands the active recording its legs' accounting, at most
// once per progressEvery: what departed legs left plus what the present
// ones did since they joined the recording.
func (c *Conference) progressLocked(now time.Time) {
	ar := c.rec
	if now.Sub(ar.progressAt) < progressEvery {
		return
	}
	ar.progressAt = now
	sum := ar.accum
	for l, base := range ar.base {
		sum.Add(l.completeness().Sub(base))
	}
	ar.r.Progress(sum)
}
