package tone

import (
	"context"
	"sync"
	"time"
)

// Cache defaults.
const (
	DefaultTTL        = 10 * time.Minute
	DefaultFailureTTL = 10 * time.Second
	DefaultMaxEntries = 64
)

// Cache keeps loaded Sources by URI so that calls asking for the same tone
// do not fetch it again. Concurrent Gets of a URI that is not cached share one
// Load. Successes are kept for the TTL; failures for the much shorter failure
// TTL, so that a tone server that is down or hanging is asked once per
// failure TTL instead of once per call, and is asked again soon after it
// recovers. A Cache is safe for concurrent use.
type Cache struct {
	opt        LoadOptions
	ttl        time.Duration
	failureTTL time.Duration
	maxEntries int
	now        func() time.Time
	load       func(context.Context, string, LoadOptions) (*Source, error)

	mu      sync.Mutex
	entries map[string]*entry
}

// entry is one URI's Load, in flight until done is closed.
type entry struct {
	done    chan struct{}
	src     *Source
	err     error
	expires time.Time // set when done is closed
	waiters int       // Gets blocked on done (lets tests wait for them)
}

// CacheOption configures a Cache.
type CacheOption func(*Cache)

// WithTTL sets how long a loaded Source is served before it is fetched
// again; d <= 0 means DefaultTTL.
func WithTTL(d time.Duration) CacheOption {
	return func(c *Cache) { c.ttl = d }
}

// WithFailureTTL sets how long a failed Load is remembered and returned to
// later Gets; d <= 0 means failures are not remembered at all (concurrent
// Gets still share the one failed Load).
func WithFailureTTL(d time.Duration) CacheOption {
	return func(c *Cache) { c.failureTTL = d }
}

// WithMaxEntries bounds the number of URIs kept; when a new URI would exceed
// it, the entry that expires soonest is dropped. n <= 0 means
// DefaultMaxEntries.
func WithMaxEntries(n int) CacheOption {
	return func(c *Cache) { c.maxEntries = n }
}

// NewCache returns an empty Cache that loads with opt.
func NewCache(opt LoadOptions, opts ...CacheOption) *Cache {
	c := &Cache{opt: opt, failureTTL: DefaultFailureTTL, now: time.Now, load: Load, entries: map[string]*entry{}}
	for _, o := range opts {
		o(c)
	}
	if c.ttl <= 0 {
		c.ttl = DefaultTTL
	}
	if c.maxEntries <= 0 {
		c.maxEntries = DefaultMaxEntries
	}
	return c
}
