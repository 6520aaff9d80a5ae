package fetch

import (
	"container/list"
	"net/http"
	"sync"
	"time"
)

// entry is one cached body with its freshness and its memoised products.
type entry struct {
	body      []byte
	ctype     string
	validator string // file: size/mtime

	mu            sync.Mutex
	fetched       time.Time
	expires       time.Time
	etag, lastMod string
	memos         map[string]memo
}

type memo struct {
	v   any
	err error
}

// usable applies freshness and the VoiceXML maxage/maxstale limits
// (negative = unset).
func (e *entry) usable(now time.Time, maxAge, maxStale time.Duration) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if maxAge >= 0 && now.Sub(e.fetched) > maxAge {
		return false
	}
	if now.Before(e.expires) {
		return true
	}
	return maxStale > 0 && now.Sub(e.expires) <= maxStale
}

// refresh sets freshness from a 200 or 304 answer's headers.
func (e *entry) refresh(h http.Header, now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fetched, e.expires = now, now
	cc := parseCacheControl(h.Get("Cache-Control"))
	switch {
	case cc.noCache:
	case cc.hasMaxAge:
		e.expires = now.Add(cc.maxAge)
	default:
		if t, err := http.ParseTime(h.Get("Expires")); err == nil {
			e.expires = t
		}
	}
	if v := h.Get("ETag"); v != "" {
		e.etag = v
	}
	if v := h.Get("Last-Modified"); v != "" {
		e.lastMod = v
	}
}

func (e *entry) conditional(r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.etag != "" {
		r.Header.Set("If-None-Match", e.etag)
	}
	if e.lastMod != "" {
		r.Header.Set("If-Modified-Since", e.lastMod)
	}
}

func (e *entry) memo(kind string, build func() (any, error)) (any, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if m, ok := e.memos[kind]; ok {
		return m.v, m.err
	}
	v, err := build()
	if e.memos == nil {
		e.memos = map[string]memo{}
	}
	e.memos[kind] = memo{v, err}
	return v, err
}

// cache is a bounded LRU of entries by URL.
type cache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[string]*list.Element
}

type item struct {
	key string
	e   *entry
}

func newCache(max int) *cache {
	return &cache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *cache) get(key string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*item).e
}

func (c *cache) put(key string, e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*item).e = e
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&item{key, e})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*item).key)
	}
}
