package loadgen

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// probe samples an MCP process's CPU time and resident memory once a second.
type probe struct {
	pid    int
	target int        // the run's concurrent calls
	active func() int // calls up now
	quit   chan struct{}
	done   chan struct{}

	mu       sync.Mutex
	cpuStart time.Duration
	rssStart int64
	rssPeak  int64
	perCall  float64 // largest (RSS − start) / calls up, over samples with calls up
}

// Usage is what the probe saw.
type Usage struct {
	Measured   bool
	CPU        time.Duration // process CPU over the run
	RSSStartKB int64
	RSSPeakKB  int64
	// RSSPerCallKB is the largest growth over the start per call up, over
	// the samples taken while at least 90 % of the run's calls were up:
	// memory a call costs while it runs, not the ramp or the burst of
	// finishing many recordings at once.
	RSSPerCallKB float64
}

func startProbe(pid, target int, active func() int) *probe {
	p := &probe{pid: pid, target: target, active: active, quit: make(chan struct{}), done: make(chan struct{})}
	if pid <= 0 {
		close(p.done)
		return p
	}
	p.cpuStart, _ = cpuTime(pid)
	p.rssStart, _ = rssKB(pid)
	p.rssPeak = p.rssStart
	go p.sample()
	return p
}

func (p *probe) sample() {
	defer close(p.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-t.C:
		}
		if rss, err := rssKB(p.pid); err == nil {
			p.record(rss, p.active())
		}
	}
}

func (p *probe) record(rss int64, calls int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rssPeak = max(p.rssPeak, rss)
	if calls > 0 && calls*10 >= p.target*9 { // at (nearly) full load only
		p.perCall = max(p.perCall, float64(rss-p.rssStart)/float64(calls))
	}
}

func (p *probe) stop() Usage {
	if p.pid <= 0 {
		return Usage{}
	}
	close(p.quit)
	<-p.done
	end, err := cpuTime(p.pid)
	p.mu.Lock()
	defer p.mu.Unlock()
	return Usage{Measured: err == nil, CPU: end - p.cpuStart, RSSStartKB: p.rssStart, RSSPeakKB: p.rssPeak,
		RSSPerCallKB: p.perCall}
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times (100 on Linux).
const clockTicks = 100

// cpuTime reads utime+stime of a process from /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("loadgen: /proc/%d/stat: %d fields", pid, len(f))
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("loadgen: /proc/%d/stat: bad times", pid)
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// rssKB reads VmRSS from /proc/<pid>/status.
func rssKB(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.Fields(v)[0], 10, 64)
		}
	}
	return 0, fmt.Errorf("loadgen: no VmRSS for pid %d", pid)
}
