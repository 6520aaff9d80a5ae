package webui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Streams serves live updates as server-sent events: one JSON document
// whenever what a view returns changes. Close ends every stream (a server
// shutting down waits for them otherwise); safe for concurrent use.
type Streams struct {
	tick    time.Duration
	closing chan struct{}
	once    sync.Once
}

// NewStreams checks the views every tick.
func NewStreams(tick time.Duration) *Streams {
	return &Streams{tick: tick, closing: make(chan struct{})}
}

// Close ends the streams; the pages go on working. Safe twice.
func (s *Streams) Close() { s.once.Do(func() { close(s.closing) }) }

// Handler streams view until the client goes away or Close.
func (s *Streams) Handler(view func() any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		tick := time.NewTicker(s.tick)
		defer tick.Stop()
		var last []byte
		for {
			b, _ := json.Marshal(view()) // plain data: cannot fail
			if !bytes.Equal(b, last) {
				if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil || rc.Flush() != nil {
					return
				}
				last = b
			}
			select {
			case <-r.Context().Done():
				return
			case <-s.closing:
				return
			case <-tick.C:
			}
		}
	}
}
