package prompt

import (
	"container/list"
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Cache defaults.
const (
	DefaultCacheBytes = 256 << 20
	DefaultFailureTTL = 10 * time.Second
	// entryOverhead is what an entry costs besides its audio and source
	// bytes, so that many small or failed entries are bounded too.
	entryOverhead = 256
)

// Cache keeps decoded Audio by key (a URI, or a voice and text), bounded by
// the bytes it holds: the decoded samples plus the source bytes each entry
// keeps to recognise an unchanged fetch. The least recently used entries go
// first. Concurrent loads of one key share one load; a failed load is
// remembered for the failure TTL. A Cache is safe for concurrent use and is
// meant to be shared by every call of the process.
type Cache struct {
	max        int64
	failureTTL time.Duration
	now        func() time.Time

	mu      sync.Mutex
	used    int64
	lru     *list.List // of *entry, most recent first
	items   map[string]*list.Element
	flights map[string]*flight
}

// entry is one key's audio, or its remembered failure.
type entry struct {
	key     string
	audio   *Audio
	source  []byte // what audio was decoded from, kept to compare identity
	err     error
	expires time.Time // failures only
	size    int64
}

// flight is one key's load in progress.
type flight struct {
	done    chan struct{}
	audio   *Audio
	err     error
	waiters atomic.Int32 // callers blocked on done besides the leader (lets tests wait for them)
}

// loadFunc loads a key's audio given what the cache holds for it (nil,
// nil when nothing) and returns the audio with the source it came from.
type loadFunc func(ctx context.Context, have *Audio, haveSource []byte) (*Audio, []byte, error)

// NewCache returns a Cache holding at most maxBytes (0: DefaultCacheBytes)
// that remembers failures for failureTTL (0: DefaultFailureTTL; negative:
// not at all).
func NewCache(maxBytes int64, failureTTL time.Duration) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheBytes
	}
	if failureTTL == 0 {
		failureTTL = DefaultFailureTTL
	}
	return &Cache{max: maxBytes, failureTTL: failureTTL, now: time.Now, lru: list.New(),
		items: map[string]*list.Element{}, flights: map[string]*flight{}}
}

// Used returns the bytes the cache holds.
func (c *Cache) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// peek returns key's cached audio, if any.
func (c *Cache) peek(key string) *Audio {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok && el.Value.(*entry).audio != nil {
		c.lru.MoveToFront(el)
		return el.Value.(*entry).audio
	}
	return nil
}

// get runs load for key, or waits for the load already running, or returns
// a remembered failure. The load runs on the first caller's goroutine with
// its context detached from cancellation (its own timeouts bound it), so a
// caller giving up does not fail the others; get itself returns ctx's
// error as soon as ctx is done.
func (c *Cache) get(ctx context.Context, key string, load loadFunc) (*Audio, error) {
	f, leader, have, src, err := c.join(key)
	if err != nil {
		return nil, err
	}
	if leader {
		a, s, err := load(context.WithoutCancel(ctx), have, src)
		c.finish(key, f, a, s, err)
		return a, err
	}
	f.waiters.Add(1)
	defer f.waiters.Add(-1)
	select {
	case <-f.done:
		return f.audio, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// join returns key's flight, starting one (leader) with what is cached, or
// a remembered failure.
func (c *Cache) join(key string) (f *flight, leader bool, have *Audio, src []byte, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.flights[key]; ok {
		return f, false, nil, nil, nil
	}
	if el, ok := c.items[key]; ok {
		e := el.Value.(*entry)
		if e.err != nil && c.now().Before(e.expires) {
			return nil, false, nil, nil, e.err
		}
		have, src = e.audio, e.source
	}
	f = &flight{done: make(chan struct{})}
	c.flights[key] = f
	return f, true, have, src, nil
}

// finish publishes a load's result to its waiters and the cache.
func (c *Cache) finish(key string, f *flight, a *Audio, src []byte, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.flights, key)
	f.audio, f.err = a, err
	close(f.done)
	switch {
	case err == nil:
		c.put(&entry{key: key, audio: a, source: src})
	case c.failureTTL > 0:
		c.put(&entry{key: key, err: err, expires: c.now().Add(c.failureTTL)})
	default:
		c.remove(key)
	}
}

// put stores e in place of key's entry, then evicts from the least recently
// used end down to the bound. An entry larger than the whole bound is not
// kept. Called with c.mu held.
func (c *Cache) put(e *entry) {
	if el, ok := c.items[e.key]; ok && el.Value.(*entry).audio == e.audio && e.audio != nil {
		c.lru.MoveToFront(el) // unchanged: nothing to account
		return
	}
	c.remove(e.key)
	e.size = entryOverhead + int64(len(e.key)) + int64(len(e.source))
	if e.audio != nil {
		e.size += e.audio.size()
	}
	if e.size > c.max {
		return
	}
	c.items[e.key] = c.lru.PushFront(e)
	c.used += e.size
	for c.used > c.max {
		c.remove(c.lru.Back().Value.(*entry).key)
	}
}

// remove drops key's entry. Called with c.mu held.
func (c *Cache) remove(key string) {
	if el, ok := c.items[key]; ok {
		c.used -= el.Value.(*entry).size
		c.lru.Remove(el)
		delete(c.items, key)
	}
}
