package tone

import (
	"context"
	"time"
)

// Get returns the Source for uri from the cache, loading it if it is missing
// or expired. The Load runs on its own goroutine, detached from ctx's
// cancellation and bounded by LoadOptions.Timeout, so that one caller giving
// up does not fail the others waiting for it; Get itself returns ctx's error
// as soon as ctx is done. Values of ctx still reach the Load.
func (c *Cache) Get(ctx context.Context, uri string) (*Source, error) {
	e, leader := c.lookup(uri)
	if leader {
		go c.fill(context.WithoutCancel(ctx), uri, e)
	}
	select {
	case <-e.done:
		return e.src, e.err
	case <-ctx.Done():
		c.stopWaiting(e)
		return nil, ctx.Err()
	}
}

// lookup returns uri's live entry, or a new in-flight one that the caller
// must fill (leader true). It counts the caller as a waiter.
func (c *Cache) lookup(uri string) (e *entry, leader bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if e, ok := c.entries[uri]; ok && !expired(e, now) {
		e.waiters++
		return e, false
	}
	c.evict(now)
	e = &entry{done: make(chan struct{}), waiters: 1}
	c.entries[uri] = e
	return e, true
}

// fill loads uri into e and publishes the result. A failure that is not to
// be remembered is removed at once, unless a newer entry replaced e.
func (c *Cache) fill(ctx context.Context, uri string, e *entry) {
	src, err := c.load(ctx, uri, c.opt)
	c.mu.Lock()
	defer c.mu.Unlock()
	e.src, e.err = src, err
	e.expires = c.now().Add(c.ttl)
	if err != nil {
		e.expires = c.now().Add(c.failureTTL)
		if c.failureTTL <= 0 && c.entries[uri] == e {
			delete(c.entries, uri)
		}
	}
	close(e.done)
}

// stopWaiting uncounts a waiter that gave up.
func (c *Cache) stopWaiting(e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.waiters > 0 {
		e.waiters--
	}
}

// evict drops expired entries and, if the cache is still full, the finished
// entry that expires soonest. In-flight entries are never dropped. Called
// with c.mu held, before a new entry is added.
func (c *Cache) evict(now time.Time) {
	for uri, e := range c.entries {
		if expired(e, now) {
			delete(c.entries, uri)
		}
	}
	for len(c.entries) >= c.maxEntries {
		if !c.dropSoonest() {
			return // all in flight: let the cache run over for a moment
		}
	}
}

// dropSoonest removes the finished entry that expires first and reports
// whether there was one. Called with c.mu held.
func (c *Cache) dropSoonest() bool {
	var victim *entry
	var victimURI string
	for uri, e := range c.entries {
		if finished(e) && (victim == nil || e.expires.Before(victim.expires)) {
			victim, victimURI = e, uri
		}
	}
	if victim != nil {
		delete(c.entries, victimURI)
	}
	return victim != nil
}

// finished reports whether e's Load has completed.
func finished(e *entry) bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// expired reports whether e is a finished entry past its expiry.
func expired(e *entry, now time.Time) bool {
	return finished(e) && !now.Before(e.expires)
}
