package diskspace

import (
	"errors"
	"fmt"
	"sync"
	"syscall"
	"time"
)

// ErrLow is the class of Check's error: a filesystem below the minimum.
var ErrLow = errors.New("disk space low")

// Guard checks the free space of the filesystems holding Paths.
type Guard struct {
	paths   []string
	minFree uint64
	maxAge  time.Duration
	now     func() time.Time

	mu      sync.Mutex
	checked time.Time
	free    uint64 // least free bytes over paths at checked
	err     error
}

// New returns a guard that wants at least minFree bytes free under every
// path; statfs runs at most once per maxAge (0: every Check). With minFree 0
// Check never fails; Free still reports.
func New(minFree uint64, maxAge time.Duration, paths ...string) *Guard {
	return &Guard{paths: paths, minFree: minFree, maxAge: maxAge, now: time.Now}
}

// Check returns nil when every path has room, an ErrLow error naming the
// path and the numbers when one has not, or statfs's error. With minFree 0
// it measures (for Free) but never fails.
func (g *Guard) Check() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if now := g.now(); g.checked.IsZero() || now.Sub(g.checked) >= g.maxAge {
		g.free, g.err = g.measure()
		g.checked = now
	}
	if g.minFree == 0 {
		return nil
	}
	return g.err
}

// Free measures if the last measurement is older than maxAge and returns
// the least free space over the paths, in bytes (0 when statfs failed).
func (g *Guard) Free() uint64 {
	_ = g.Check()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.free
}

func (g *Guard) measure() (uint64, error) {
	least := ^uint64(0)
	for _, p := range g.paths {
		var st syscall.Statfs_t
		if err := syscall.Statfs(p, &st); err != nil {
			return 0, fmt.Errorf("diskspace: statfs %s: %w", p, err)
		}
		free := st.Bavail * uint64(st.Bsize)
		least = min(least, free)
		if g.minFree > 0 && free < g.minFree {
			return least, fmt.Errorf("%w: %s has %d MB free, below the %d MB minimum", ErrLow, p, free>>20, g.minFree>>20)
		}
	}
	return least, nil
}
