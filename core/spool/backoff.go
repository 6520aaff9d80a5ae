package spool

import (
	"math/rand/v2"
	"time"
)

// backoff returns the wait after the n-th failed attempt (n ≥ 1): base
// doubled n-1 times, capped at limit, then drawn at random from its upper
// half so that jobs failing together do not retry together.
func backoff(base, limit time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	half := d / 2
	return d - half + rand.N(half+1)
}
