package jitter

import (
	"encoding/binary"
	"sort"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// Test payload types: L16 at the clock rate (2 bytes per sample, big-endian),
// RFC 4733 events and comfort noise.
const (
	ptL16   = 96
	ptEvent = 101
	ptCN    = 13
	frameMs = 20
	ptime20 = 160
)

// testTime is an arbitrary arrival time for tests that do not look at jitter.
var testTime = time.Unix(1_700_000_000, 0)

// l16 is the test codec: it makes every sample's value checkable and has a
// sample size, so malformed lengths exist.
func l16(dst []int16, p []byte) int {
	if len(p)%2 != 0 {
		return -1
	}
	n := min(len(dst), len(p)/2)
	for i := range n {
		dst[i] = int16(binary.BigEndian.Uint16(p[2*i:]))
	}
	return n
}

// wave gives each timestamp a distinct loud value, so popped audio shows
// exactly which timestamps played.
func wave(ts uint32) int16 { return int16((ts * 2654435761) >> 16) }

func newTestBuffer(t testing.TB, mod func(*Config)) *Buffer {
	t.Helper()
	cfg := Config{Decoders: map[uint8]Decoder{ptL16: l16}, EventPT: ptEvent}
	if mod != nil {
		mod(&cfg)
	}
	b, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return b
}

// sender builds the packets of one RTP stream.
type sender struct {
	ssrc    uint32
	seq     uint16
	ts      uint32
	pt      uint8
	samples int // per packet
	marker  bool
	content func(ts uint32) int16
}

func newSender(ssrc uint32, seq uint16, ts uint32, samples int) *sender {
	return &sender{ssrc: ssrc, seq: seq, ts: ts, pt: ptL16, samples: samples, marker: true, content: wave}
}

// next returns the next packet and advances seq and ts.
func (s *sender) next() *rtp.Packet {
	p := &rtp.Packet{Header: rtp.Header{Version: 2, Marker: s.marker, PayloadType: s.pt,
		SequenceNumber: s.seq, Timestamp: s.ts, SSRC: s.ssrc}}
	p.Payload = make([]byte, 2*s.samples)
	for i := range s.samples {
		binary.BigEndian.PutUint16(p.Payload[2*i:], uint16(s.content(s.ts+uint32(i))))
	}
	s.marker = false
	s.seq++
	s.ts += uint32(s.samples)
	return p
}

// skip advances ts by n samples without sending (DTX), keeping seq.
func (s *sender) skip(n int) { s.ts += uint32(n) }

// arrival is a packet and when it reaches the buffer.
type arrival struct {
	at time.Duration
	p  *rtp.Packet
}

// stream returns count packets of s sent every interval from start.
func stream(s *sender, count int, start time.Duration) []arrival {
	var a []arrival
	interval := time.Duration(s.samples) * time.Second / 8000
	for i := range count {
		a = append(a, arrival{start + time.Duration(i)*interval, s.next()})
	}
	return a
}

// popPhase offsets the clock's ticks from packet arrivals, as in real life.
const popPhase = 5 * time.Millisecond

// played is what a scripted run popped.
type played struct {
	st  []Status
	pcm []int16
}

// play pushes each arrival at its time (stable for equal times) and pops a
// frame every 20 ms at popPhase + k·20 ms until until. The clock is
// synthetic: nothing sleeps.
func play(b *Buffer, arr []arrival, until time.Duration) played {
	sort.SliceStable(arr, func(i, j int) bool { return arr[i].at < arr[j].at })
	base := time.Unix(1_700_000_000, 0)
	var out played
	frame := make([]int16, b.FrameSamples())
	for tick := popPhase; tick < until; tick += frameMs * time.Millisecond {
		for len(arr) > 0 && arr[0].at <= tick {
			b.Push(arr[0].p, base.Add(arr[0].at))
			arr = arr[1:]
		}
		out.st = append(out.st, b.Pop(frame))
		out.pcm = append(out.pcm, frame...)
	}
	return out
}

// kinds counts frames by Kind.
func (p played) kinds() map[Kind]int {
	m := map[Kind]int{}
	for _, s := range p.st {
		m[s.Kind]++
	}
	return m
}

// lastAudio returns the index of the last Audio frame.
func (p played) lastAudio() int {
	for i := len(p.st) - 1; i >= 0; i-- {
		if p.st[i].Kind == Audio {
			return i
		}
	}
	return -1
}

// count returns how many of the first n frames are of kind k.
func (p played) count(k Kind, n int) int {
	c := 0
	for _, s := range p.st[:max(n, 0)] {
		if s.Kind == k {
			c++
		}
	}
	return c
}

// audio returns the PCM after the leading Idle frames.
func (p played) audio(frame int) []int16 {
	i := 0
	for i < len(p.st) && p.st[i].Kind == Idle {
		i++
	}
	return p.pcm[i*frame:]
}

// checkWave fails unless pcm[i] == wave(ts0+i) for the first n samples.
func checkWave(t *testing.T, pcm []int16, ts0 uint32, n int) {
	t.Helper()
	if len(pcm) < n {
		t.Fatalf("got %d samples, want at least %d", len(pcm), n)
	}
	for i := range n {
		if pcm[i] != wave(ts0+uint32(i)) {
			t.Fatalf("sample %d = %d, want wave(%d) = %d", i, pcm[i], ts0+uint32(i), wave(ts0+uint32(i)))
		}
	}
}
