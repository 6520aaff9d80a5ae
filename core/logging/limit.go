package logging

import (
	"strconv"
	"sync"
	"time"
)

// Limiter bounds how often one source (a remote address, a plugin) may put
// a line in the log: at most Burst records per Window per key; the rest are
// counted and the first record of the next window reports how many were
// suppressed. It keeps at most MaxKeys keys and forgets them all when full,
// so a flood from many addresses cannot grow it.
type Limiter struct {
	Burst   int
	Window  time.Duration
	MaxKeys int

	mu   sync.Mutex
	keys map[string]*window
	now  func() time.Time // time.Now; tests replace it
}

type window struct {
	start      time.Time
	n          int
	suppressed int
}

// Defaults of a zero Limiter.
const (
	DefaultBurst   = 5
	DefaultWindow  = time.Minute
	DefaultMaxKeys = 4096
)

// Allow reports whether a record from key may be logged now and, when it
// may, how many records of key were suppressed since the last allowed one.
func (l *Limiter) Allow(key string) (ok bool, suppressed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	w := l.keys[key]
	if w == nil {
		if l.keys == nil || len(l.keys) >= l.maxKeys() {
			l.keys = make(map[string]*window)
		}
		w = &window{start: now}
		l.keys[key] = w
	}
	if now.Sub(w.start) >= l.window() {
		w.start, w.n = now, 0
	}
	if w.n >= l.burst() {
		w.suppressed++
		return false, 0
	}
	w.n++
	suppressed, w.suppressed = w.suppressed, 0
	return true, suppressed
}

func (l *Limiter) clock() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

func (l *Limiter) burst() int {
	if l.Burst > 0 {
		return l.Burst
	}
	return DefaultBurst
}

func (l *Limiter) window() time.Duration {
	if l.Window > 0 {
		return l.Window
	}
	return DefaultWindow
}

func (l *Limiter) maxKeys() int {
	if l.MaxKeys > 0 {
		return l.MaxKeys
	}
	return DefaultMaxKeys
}

// PrefixLen is how much of a malformed input Prefix keeps.
const PrefixLen = 48

// Prefix returns at most the first PrefixLen bytes of b, Go-quoted so that
// binary input stays one printable line; "…" marks a cut. Log it, never the
// whole input.
func Prefix(b []byte) string {
	if len(b) <= PrefixLen {
		return strconv.Quote(string(b))
	}
	return strconv.Quote(string(b[:PrefixLen])) + "…"
}
