package health

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/config"
)

// script answers probes from a per-node list of outcomes (0: no answer).
type script struct {
	mu  sync.Mutex
	ans map[string][]int
}

func (s *script) Probe(ctx context.Context, addr string) (int, error) {
	s.mu.Lock()
	list := s.ans[addr]
	code := 200
	if len(list) > 0 {
		code, s.ans[addr] = list[0], list[1:]
	}
	s.mu.Unlock()
	if code == 0 {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	return code, nil
}

func onePool() (*rm.Pool, *rm.Node) {
	p := rm.NewPool([]config.RMGroup{config.MCPGroup("127.0.0.1:1")})
	return p, p.Nodes()[0]
}

func TestStateFollowsTheChecks(t *testing.T) {
	tests := []struct {
		name    string
		answers []int
		want    []rm.State
	}{
		{"200s keep a node up", []int{200, 200}, []rm.State{rm.Up, rm.Up}},
		{"down after three failures, not before", []int{0, 500, 0, 200}, []rm.State{rm.Up, rm.Up, rm.Down, rm.Down}},
		{"up again after two 200s", []int{0, 0, 0, 200, 200}, []rm.State{rm.Up, rm.Up, rm.Down, rm.Down, rm.Up}},
		{"a success resets the failure count", []int{0, 0, 200, 0, 0}, []rm.State{rm.Up, rm.Up, rm.Up, rm.Up, rm.Up}},
		{"503 drains at once and 200 ends the drain", []int{503, 503, 200}, []rm.State{rm.Draining, rm.Draining, rm.Up}},
		{"a draining node that stops answering goes down", []int{503, 0, 0, 0}, []rm.State{rm.Draining, rm.Draining, rm.Draining, rm.Down}},
		{"a node that was down and answers 503 is draining", []int{0, 0, 0, 503}, []rm.State{rm.Up, rm.Up, rm.Down, rm.Draining}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, n := onePool()
			c := New(p, Config{Interval: time.Second, Timeout: 5 * time.Millisecond, DownAfter: 3, UpAfter: 2}, nil)
			s := &script{ans: map[string][]int{n.Addr: tc.answers}}
			for i, want := range tc.want {
				c.CheckAll(context.Background(), s)
				if got := n.State(); got != want {
					t.Fatalf("after check %d (%d): %s, want %s", i+1, tc.answers[i], got, want)
				}
			}
		})
	}
}

func TestReportCountsAsAFailedCheck(t *testing.T) {
	p, n := onePool()
	c := New(p, Config{Interval: time.Second, Timeout: time.Millisecond, DownAfter: 2, UpAfter: 1}, nil)
	c.Report(n, errors.New("timeout"))
	c.Report(n, errors.New("timeout"))
	if n.State() != rm.Down {
		t.Errorf("state %s after two failed INVITEs, want down", n.State())
	}
}

func TestRunChecksEveryInterval(t *testing.T) {
	p, n := onePool()
	s := &script{ans: map[string][]int{n.Addr: {0, 0}}}
	c := New(p, Config{Interval: 20 * time.Millisecond, Timeout: 10 * time.Millisecond, DownAfter: 2, UpAfter: 1}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx, s); close(done) }()
	deadline := time.Now().Add(2 * time.Second)
	for n.State() != rm.Down && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	for n.State() != rm.Up && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if n.State() != rm.Up {
		t.Errorf("state %s, want down then up again within 2 s", n.State())
	}
}
