// Package testlog sends a test's logs to the test (t.Log) until the test
// ends, and drops what goroutines it started — sipgo's transport readers,
// plugin watchers — log after that: testing panics on a t.Log after the
// test completed ("Log in goroutine after Test… has completed").
package testlog

import (
	"io"
	"strings"
	"sync"
	"testing"
)

// Writer writes each line to t.Log until t's cleanup runs.
func Writer(t testing.TB) io.Writer {
	w := &writer{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
	})
	return w
}

type writer struct {
	t    testing.TB
	mu   sync.Mutex
	done bool
}

func (w *writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}
