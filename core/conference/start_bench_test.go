package conference

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

// startingCalls is how many recordings BenchmarkTwentyRecordingsStartInOneTick
// starts in the one tick it measures.
const startingCalls = 20

// BenchmarkTwentyRecordingsStartInOneTick measures the clock's worst tick:
// 20 recorder calls whose first audio arrives in the same tick, so all 20
// recordings (MP3 with LAME, and WAV, each in its own folder) start in it.
// ns/op is a whole cycle (the tick, then stopping the 20 recordings);
// max-tick-ns is the slowest of those ticks, the number the clock cares about.
func BenchmarkTwentyRecordingsStartInOneTick(b *testing.B) {
	e, confs, legs := startBenchEngine(b)
	pool := newTickPool(0)
	defer pool.close()
	payload := make([]byte, 160)
	for i := range payload {
		payload[i] = byte(i * 7)
	}
	pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 0, SSRC: 9}, Payload: payload}
	now := time.Now()
	seq := 0
	tick := func(auto bool) time.Duration {
		seq++
		now = now.Add(codecs.FrameDuration)
		pkt.SequenceNumber, pkt.Timestamp = uint16(seq), uint32(seq*160)
		for _, l := range legs {
			l.jb.Push(&pkt, now)
		}
		for _, c := range confs {
			c.mu.Lock()
			c.auto = auto
			c.mu.Unlock()
		}
		began := time.Now()
		pool.run(confs, now)
		return time.Since(began)
	}
	for i := 0; i < 10; i++ { // fill the jitter buffers: every leg has audio
		tick(false)
	}
	var worst time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		worst = max(worst, tick(true))
		for _, c := range confs {
			stopBenchRecording(b, c, now)
		}
		e.stops.Wait() // the files are finished before the next tick
	}
	b.StopTimer()
	e.stops.Wait()
	b.ReportMetric(float64(worst.Nanoseconds()), "max-tick-ns")
}

// startBenchEngine builds an engine with startingCalls one-leg recorder
// calls answered towards a UDP sink; each recording gets its own folder.
func startBenchEngine(b *testing.B) (*Engine, []*Conference, []*Leg) {
	b.Helper()
	formats, _ := recording.ParseFormats([]string{"mp3-16-stereo", "wav-pcmu"})
	e, offer := benchEngine(b, 36100, folderHost{root: b.TempDir(), formats: formats})
	var confs []*Conference
	var legs []*Leg
	for i := 0; i < startingCalls; i++ {
		l := benchLeg(b, e, requri.Target{Kind: requri.Recorder, ID: fmt.Sprintf("start%d", i)}, offer)
		legs, confs = append(legs, l), append(confs, l.c)
	}
	return e, confs, legs
}

func stopBenchRecording(b *testing.B, c *Conference, now time.Time) {
	if err := c.Stop(now, Selector{}); err != nil {
		b.Fatal(err)
	}
}

// folderHost gives each recording a folder of its own, as the spool does.
type folderHost struct {
	root    string
	formats []recording.Format
}

func (h folderHost) Plan(requri.Target) Plan { return Plan{Formats: h.formats} }

func (h folderHost) Prepare(id string, _ time.Time, _ recmeta.Meta) string {
	return filepath.Join(h.root, id)
}

func (folderHost) Done(Finished) {}
