package loadgen

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// Report is the outcome of a run. Times are in milliseconds unless named.
type Report struct {
	Calls         int            `json:"calls"`
	SRTP          string         `json:"srtp,omitempty"` // the suite every leg spoke; "": plain RTP
	Failed        int            `json:"failed"`
	FailedAt      map[string]int `json:"failedAt,omitempty"`
	FirstError    string         `json:"firstError,omitempty"`
	PeakCalls     int            `json:"peakCalls"`
	WallSeconds   float64        `json:"wallSeconds"`
	CallSeconds   float64        `json:"callSeconds"`
	SetupP50      float64        `json:"setupP50Ms"`
	SetupP95      float64        `json:"setupP95Ms"`
	SetupMax      float64        `json:"setupMaxMs"`
	PacketsSent   int64          `json:"packetsSent"`
	SendErrors    int64          `json:"sendErrors"`
	PacketsRecv   int64          `json:"packetsReceived"`
	SRTPFailed    int64          `json:"srtpFailed,omitempty"` // received but not authentic (SRTP runs)
	PacketsExpect int64          `json:"packetsExpected"`
	SpacingP50    float64        `json:"egressSpacingP50Ms"`
	SpacingP95    float64        `json:"egressSpacingP95Ms"`
	SpacingMax    float64        `json:"egressSpacingMaxMs"`
	MCP           *MCPUsage      `json:"mcp,omitempty"`
	Recordings    *Recordings    `json:"recordings,omitempty"`
}

// MCPUsage is the MCP process's cost.
type MCPUsage struct {
	CPUSeconds         float64 `json:"cpuSeconds"`
	CPUMsPerCallSecond float64 `json:"cpuMsPerCallSecond"`
	RSSStartKB         int64   `json:"rssStartKB"`
	RSSPeakKB          int64   `json:"rssPeakKB"`
	RSSPerCallKB       float64 `json:"rssPerCallKB"`
}

// Recordings sums the completeness reports of the run's recordings.
type Recordings struct {
	Files           int   `json:"files"`
	Complete        int   `json:"complete"` // no frame dropped by the MCP
	FramesDropped   int64 `json:"framesDropped"`
	PacketsReceived int64 `json:"packetsReceived"`
	PacketsLost     int64 `json:"packetsLost"`
	ConcealedMs     int64 `json:"concealedMs"`
	TimeScaledMs    int64 `json:"timeScaledMs"`
}

// report sums the run; rec is its settled recordings (nil: none read).
func (r *runner) report(wall time.Duration, u Usage, rec *Recordings) *Report {
	rep := &Report{Calls: len(r.done), SRTP: r.cfg.SRTP, PeakCalls: r.peak, WallSeconds: wall.Seconds(), FailedAt: map[string]int{}}
	var setups []float64
	var spacing [256]int64
	for _, c := range r.done {
		rep.add(c, &spacing)
		if c.stage == "" {
			setups = append(setups, ms(c.setup))
		}
	}
	rep.PacketsSent, rep.SendErrors = r.pacer.totals()
	rep.SetupP50, rep.SetupP95, rep.SetupMax = percentiles(setups)
	rep.SpacingP50, rep.SpacingP95, rep.SpacingMax = histPercentiles(spacing[:])
	if u.Measured {
		rep.MCP = mcpUsage(u, rep.CallSeconds)
	}
	rep.Recordings = rec
	return rep
}

func (rep *Report) add(c *call, spacing *[256]int64) {
	if c.stage != "" {
		rep.Failed++
		rep.FailedAt[c.stage]++
		if rep.FirstError == "" {
			rep.FirstError = c.stage + ": " + c.err.Error()
		}
	}
	rep.CallSeconds += c.held.Seconds()
	rep.PacketsExpect += 2 * int64(c.held/codecs.FrameDuration)
	for _, p := range c.parties {
		if p == nil {
			continue
		}
		addParty(rep, p.Stats(), spacing)
	}
}

func addParty(rep *Report, s sipemu.RecvStats, spacing *[256]int64) {
	rep.PacketsRecv += s.Packets
	rep.SRTPFailed += s.SRTPFailed
	for i, n := range s.Spacing {
		spacing[i] += n
	}
}

func mcpUsage(u Usage, callSeconds float64) *MCPUsage {
	m := &MCPUsage{CPUSeconds: u.CPU.Seconds(), RSSStartKB: u.RSSStartKB, RSSPeakKB: u.RSSPeakKB}
	if callSeconds > 0 {
		m.CPUMsPerCallSecond = ms(u.CPU) / callSeconds
	}
	m.RSSPerCallKB = u.RSSPerCallKB
	return m
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentiles returns p50, p95 and max of v.
func percentiles(v []float64) (p50, p95, top float64) {
	if len(v) == 0 {
		return 0, 0, 0
	}
	sort.Float64s(v)
	at := func(q float64) float64 { return v[min(len(v)-1, int(q*float64(len(v))))] }
	return at(0.50), at(0.95), v[len(v)-1]
}

// histPercentiles reads p50, p95 and max from a 1 ms histogram.
func histPercentiles(h []int64) (p50, p95, top float64) {
	var total int64
	for _, n := range h {
		total += n
	}
	var seen int64
	for i, n := range h {
		if n == 0 {
			continue
		}
		seen += n
		if p50 == 0 && seen*2 >= total {
			p50 = float64(i)
		}
		if p95 == 0 && seen*100 >= total*95 {
			p95 = float64(i)
		}
		top = float64(i)
	}
	return p50, p95, top
}

// settledRecordings reads the run's sidecars once their number stopped
// growing for a second (the MCP finishes files after the last BYE), or after
// ten seconds.
func settledRecordings(dir, prefix string) *Recordings {
	last := readRecordings(dir, prefix)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(time.Second)
		now := readRecordings(dir, prefix)
		if now.Files == last.Files {
			return now
		}
		last = now
	}
	return last
}

// readRecordings sums the sidecars of the run's files (named after the
// CallUUIDs the run sent, which start with prefix).
func readRecordings(dir, prefix string) *Recordings {
	rec := &Recordings{}
	files, _ := filepath.Glob(filepath.Join(dir, prefix+"-*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		d, err := recmeta.Parse(b)
		if err != nil || len(d.MediaFiles) == 0 {
			continue
		}
		c := d.MediaFiles[0].Completeness
		rec.Files++
		if c.FramesDropped == 0 {
			rec.Complete++
		}
		rec.FramesDropped += c.FramesDropped
		rec.PacketsReceived += c.PacketsReceived
		rec.PacketsLost += c.PacketsLost
		rec.ConcealedMs += c.ConcealedMs
		rec.TimeScaledMs += c.TimeScaledMs
	}
	return rec
}

// Table renders the report for people.
func (rep *Report) Table() string {
	var b strings.Builder
	row := func(k, v string) { b.WriteString(pad(k) + v + "\n") }
	row("calls", strconv.Itoa(rep.Calls)+" (peak "+strconv.Itoa(rep.PeakCalls)+" concurrent)")
	row("failed set-ups", strconv.Itoa(rep.Failed)+failures(rep))
	row("set-up latency", f1(rep.SetupP50)+" / "+f1(rep.SetupP95)+" / "+f1(rep.SetupMax)+" ms (p50/p95/max)")
	row("packets sent", strconv.FormatInt(rep.PacketsSent, 10)+" ("+strconv.FormatInt(rep.SendErrors, 10)+" errors)")
	row("packets received", strconv.FormatInt(rep.PacketsRecv, 10)+" of ~"+strconv.FormatInt(rep.PacketsExpect, 10)+" expected")
	if rep.SRTP != "" {
		row("srtp", rep.SRTP+" on every leg; "+strconv.FormatInt(rep.SRTPFailed, 10)+" received packets not authentic")
	}
	row("MCP egress spacing", f1(rep.SpacingP50)+" / "+f1(rep.SpacingP95)+" / "+f1(rep.SpacingMax)+" ms (p50/p95/max)")
	row("call-seconds", f1(rep.CallSeconds)+" in "+f1(rep.WallSeconds)+" s")
	if m := rep.MCP; m != nil {
		row("MCP CPU", f2(m.CPUMsPerCallSecond)+" ms per call-second ("+f1(m.CPUSeconds)+" s)")
		row("MCP memory", f1(m.RSSPerCallKB)+" KB per call while up (RSS "+strconv.FormatInt(m.RSSStartKB, 10)+" → peak "+strconv.FormatInt(m.RSSPeakKB, 10)+" KB)")
	}
	if r := rep.Recordings; r != nil {
		row("recordings", strconv.Itoa(r.Complete)+" of "+strconv.Itoa(r.Files)+" files complete, "+
			strconv.FormatInt(r.FramesDropped, 10)+" frames dropped, "+strconv.FormatInt(r.PacketsLost, 10)+" packets lost, "+
			strconv.FormatInt(r.ConcealedMs, 10)+" ms concealed, "+strconv.FormatInt(r.TimeScaledMs, 10)+" ms time-scaled")
	}
	return b.String()
}

func failures(rep *Report) string {
	if rep.Failed == 0 {
		return ""
	}
	var parts []string
	for k, v := range rep.FailedAt {
		parts = append(parts, k+" "+strconv.Itoa(v))
	}
	sort.Strings(parts)
	return " (" + strings.Join(parts, ", ") + "; first: " + rep.FirstError + ")"
}

func pad(s string) string { return s + strings.Repeat(" ", max(1, 20-len(s))) }

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
