package console

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

func (c *Console) calls(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "calls.html", page{Title: "Live calls", Nav: "calls", Data: c.src.Calls()})
}

// callEvents streams the calls report as server-sent events whenever it
// changes, checking every Tick, until the client goes away.
func (c *Console) callEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	tick := time.NewTicker(c.src.Tick)
	defer tick.Stop()
	var last []byte
	for {
		b, _ := json.Marshal(c.src.Calls()) // plain data: cannot fail
		if !bytes.Equal(b, last) {
			if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
			last = b
		}
		select {
		case <-r.Context().Done():
			return
		case <-c.closing:
			return
		case <-tick.C:
		}
	}
}
