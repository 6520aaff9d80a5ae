package jitter

import (
	"testing"
	"time"

	"github.com/pion/rtp"
)

const ms = time.Millisecond

// Scripted in-memory scenarios: packets with chosen seq/ts/ssrc/marker/PT
// arrive at synthetic times and the clock pops every 20 ms.
func TestScenarios(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"a clean stream waits TargetMs then plays every sample exactly", cleanStream},
		{"reordered packets within the window fill their holes", reorder},
		{"duplicates are dropped and counted", duplicates},
		{"a packet after its playout time is dropped as late, not lost", latePacket},
		{"loss is concealed for ConcealMs, then filled with silence", lossThenSilence},
		{"sequence numbers wrap from 65535 to 0 without loss", seqWrap},
		{"timestamps wrap past 2^32 without a glitch", tsWrap},
		{"an SSRC change continues the output without a gap", ssrcChange},
		{"a stray packet from another SSRC is discarded, not followed", straySSRC},
		{"a sequence restart is confirmed by a second packet and played seamlessly", seqRestart},
		{"a timestamp jump with marker is a talk spurt, not loss", talkSpurt},
		{"DTX without marker is silence once the next packet shows no loss", dtxNoMarker},
		{"comfort noise produces silence, not concealment", comfortNoise},
		{"a delay spike grows the delay instead of dropping audio", delaySpike},
		{"a burst beyond MaxMs discards the oldest audio", burstOverflow},
		{"an absurd timestamp jump re-anchors the stream", absurdJump},
		{"malformed input is counted and ignored", malformed},
		{"a frame half received and half lost reports both halves", halfFrame},
		{"Pop into a short or nil slice writes what fits", shortDst},
		{"reset forgets the stream and the statistics", reset},
	} {
		t.Run(tc.name, tc.run)
	}
}

func cleanStream(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1000, 5000, ptime20)
	out := play(b, stream(s, 100, 0), 2060*ms)
	if k := out.kinds(); k[Idle] != 3 || k[Audio] != 100 || k[Concealed]+k[Silence] != 0 {
		t.Fatalf("kinds %v, want 3 idle (60 ms) then 100 audio", k)
	}
	checkWave(t, out.audio(ptime20), 5000, 100*ptime20)
	st := b.Stats()
	if st.Received != 100 || st.Lost != 0 || st.Expected != 100 || st.Adjustments != 0 || st.Jitter != 0 {
		t.Errorf("stats %+v", st)
	}
}

func reorder(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 50, 0)
	for i := 2; i+1 < len(arr); i += 5 { // every fifth packet overtakes its predecessor
		arr[i].at, arr[i+1].at = arr[i+1].at, arr[i].at-ms
	}
	out := play(b, arr, 1060*ms)
	checkWave(t, out.audio(ptime20), 0, 50*ptime20)
	if st := b.Stats(); st.Late != 0 || st.Completeness.PacketsLost != 0 || st.ConcealedMs != 0 {
		t.Errorf("stats %+v", st)
	}
}

func duplicates(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 50, 0)
	for i := 0; i < 50; i += 10 {
		arr = append(arr, arrival{arr[i].at + 30*ms, arr[i].p})
	}
	out := play(b, arr, 1060*ms)
	checkWave(t, out.audio(ptime20), 0, 50*ptime20)
	st := b.Stats()
	if st.Duplicates != 5 || st.Received != 55 || st.Lost != -5 || st.Completeness.PacketsReceived != 50 {
		t.Errorf("stats %+v", st)
	}
	if rr := b.ReceptionReport(); rr.CumulativeLost != -5 || rr.FractionLost != 0 {
		t.Errorf("report %+v: RFC 3550 counts duplicates as received", rr)
	}
}

func latePacket(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 50, 0)
	arr[20].at += 200 * ms // far beyond the 60 ms delay
	play(b, arr, 1060*ms)
	st := b.Stats()
	c := st.Completeness
	if st.Late != 1 || c.PacketsLate != 1 || c.PacketsLost != 0 || c.PacketsReceived != 50 || st.ConcealedMs != 20 {
		t.Errorf("stats %+v", st)
	}
}

func lossThenSilence(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 50, 0)
	arr = append(arr[:20], arr[30:]...) // 200 ms lost
	out := play(b, arr, 1060*ms)
	k := out.kinds()
	if k[Concealed] != 3 || k[Silence] != 7 || k[Audio] != 40 {
		t.Errorf("kinds %v, want 60 ms concealed then 140 ms silence", k)
	}
	st := b.Stats()
	if st.ConcealedMs != 60 || st.SilenceFilledMs != 140 || st.Lost != 10 || st.Completeness.PacketsLost != 10 {
		t.Errorf("stats %+v", st)
	}
	if rr := b.ReceptionReport(); rr.FractionLost != 10*256/50 || rr.CumulativeLost != 10 {
		t.Errorf("report %+v", rr)
	}
	if rr := b.ReceptionReport(); rr.FractionLost != 0 {
		t.Errorf("second report %+v: fraction lost covers the interval since the last one", rr)
	}
}

func seqWrap(t *testing.T) {
	b := newTestBuffer(t, nil)
	out := play(b, stream(newSender(1, 65530, 0, ptime20), 20, 0), 460*ms)
	checkWave(t, out.audio(ptime20), 0, 20*ptime20)
	if st := b.Stats(); st.ExtHighestSeq != 65536+13 || st.Lost != 0 || st.Expected != 20 {
		t.Errorf("stats %+v", st)
	}
}

func tsWrap(t *testing.T) {
	b := newTestBuffer(t, nil)
	ts0 := uint32(1<<32 - 5*ptime20 - 37)
	out := play(b, stream(newSender(1, 1, ts0, ptime20), 20, 0), 460*ms)
	checkWave(t, out.audio(ptime20), ts0, 20*ptime20)
	if st := b.Stats(); st.Resyncs != 0 || st.ConcealedMs != 0 {
		t.Errorf("stats %+v", st)
	}
}

func ssrcChange(t *testing.T) {
	b := newTestBuffer(t, nil)
	a := stream(newSender(1, 100, 0, ptime20), 25, 0)
	second := newSender(2, 7000, 9_000_000, ptime20)
	second.content = func(ts uint32) int16 { return wave(ts - 9_000_000 + 25*ptime20) }
	a = append(a, stream(second, 25, 500*ms)...)
	out := play(b, a, 1060*ms)
	if k := out.kinds(); k[Audio] != 50 || k[Concealed]+k[Silence] != 0 {
		t.Errorf("kinds %v, want 50 audio frames in a row", k)
	}
	checkWave(t, out.audio(ptime20), 0, 50*ptime20)
	st := b.Stats()
	if st.SSRCChanges != 1 || st.SSRC != 2 || st.Completeness.PacketsExpected != 50 || st.Completeness.PacketsLost != 0 {
		t.Errorf("stats %+v", st)
	}
}

func straySSRC(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 50, 0)
	arr = append(arr, stream(newSender(666, 40000, 12345, ptime20), 1, 300*ms)...)
	out := play(b, arr, 1060*ms)
	checkWave(t, out.audio(ptime20), 0, 50*ptime20)
	if st := b.Stats(); st.SSRCChanges != 0 || st.SSRC != 1 || st.Lost != 0 {
		t.Errorf("stats %+v", st)
	}
}

func seqRestart(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 20000, 0, ptime20)
	arr := stream(s, 25, 0)
	s.seq = 3 // restart; timestamps continue
	arr = append(arr, stream(s, 25, 500*ms)...)
	out := play(b, arr, 1060*ms)
	checkWave(t, out.audio(ptime20), 0, 50*ptime20)
	st := b.Stats()
	if st.SeqRestarts != 1 || st.Completeness.PacketsExpected != 50 || st.Completeness.PacketsLost != 0 {
		t.Errorf("stats %+v", st)
	}
}

func talkSpurt(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	arr := stream(s, 25, 0)
	s.skip(8000) // one second of DTX, then a new talk spurt
	s.marker = true
	arr = append(arr, stream(s, 25, 1500*ms)...)
	out := play(b, arr, 2060*ms)
	st := b.Stats()
	if st.TalkSpurts != 1 || st.Lost != 0 || st.ConcealedMs != 0 || st.SilenceFilledMs != 0 {
		t.Errorf("stats %+v", st)
	}
	if k := out.kinds(); k[Audio] != 50 {
		t.Errorf("kinds %v, want both spurts complete", k)
	}
}

func dtxNoMarker(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	arr := stream(s, 25, 0)
	s.skip(1600) // 200 ms the sender did not send; sequence numbers continue
	arr = append(arr, stream(s, 25, 700*ms)...)
	out := play(b, arr, 1260*ms)
	if st := b.Stats(); st.ConcealedMs != 0 || st.SilenceFilledMs != 0 || st.Lost != 0 {
		t.Errorf("stats %+v", st)
	}
	if k := out.kinds(); k[Audio] != 50 {
		t.Errorf("kinds %v", k)
	}
}

func comfortNoise(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	arr := stream(s, 25, 0)
	cn := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: ptCN, SequenceNumber: s.seq,
		Timestamp: s.ts, SSRC: 1}, Payload: []byte{60}}
	arr = append(arr, arrival{500 * ms, cn})
	s.seq++
	s.skip(4000)
	s.marker = true
	arr = append(arr, stream(s, 25, 1000*ms)...)
	out := play(b, arr, 1560*ms)
	if k := out.kinds(); k[Audio] != 50 || k[Silence] == 0 {
		t.Errorf("kinds %v, want silence between the spurts", k)
	}
	if i := out.lastAudio(); out.count(Concealed, i) != 0 {
		t.Errorf("%d concealed frames before the end of the stream", out.count(Concealed, i))
	}
	if st := b.Stats(); st.ConcealedMs != 0 || st.Lost != 0 || st.Received != 51 {
		t.Errorf("stats %+v", st)
	}
}

func delaySpike(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 100, 0)
	for i := 40; i < 50; i++ { // the network holds ten packets, then delivers them at once
		arr[i].at = 1000 * ms
	}
	out := play(b, arr, 3000*ms)
	st := b.Stats()
	if st.Late != 0 || st.Resyncs != 1 || st.Frames[Audio] < 100 || st.ConcealedMs != 60 {
		t.Errorf("stats %+v: every packet must play once the spike ends", st)
	}
	checkWave(t, out.audio(ptime20), 0, 40*ptime20)
}

func burstOverflow(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 60, 0)
	for i := range 30 { // 600 ms of audio arrives at once: twice MaxMs
		arr[i].at = 0
	}
	for i := 30; i < 60; i++ {
		arr[i].at = time.Duration(i-29) * 20 * ms
	}
	play(b, arr, 200*ms)
	st := b.Stats()
	if st.OverflowMs == 0 || st.DepthMs > DefaultMaxMs {
		t.Errorf("stats %+v: a burst beyond MaxMs must discard, and depth stay within MaxMs", st)
	}
}

func absurdJump(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	arr := stream(s, 25, 0)
	s.skip(1 << 30) // hours ahead, no marker, contiguous sequence numbers
	arr = append(arr, stream(s, 25, 500*ms)...)
	out := play(b, arr, 1060*ms)
	if st := b.Stats(); st.Resyncs != 1 || st.DepthMs > DefaultMaxMs || st.Lost != 0 {
		t.Errorf("stats %+v", st)
	}
	if k := out.kinds(); k[Audio] != 50 {
		t.Errorf("kinds %v", k)
	}
}

func malformed(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	arr := stream(s, 10, 0)
	bad := func(mod func(p *rtp.Packet)) arrival {
		p := s.next()
		mod(p)
		return arrival{200 * ms, p}
	}
	arr = append(arr,
		bad(func(p *rtp.Packet) { p.Payload = p.Payload[:7] }),                          // not a whole sample
		bad(func(p *rtp.Packet) { p.Payload = nil }),                                    // empty
		bad(func(p *rtp.Packet) { p.PayloadType = 77 }),                                 // no decoder
		bad(func(p *rtp.Packet) { p.Version = 1 }),                                      // not RTP v2
		bad(func(p *rtp.Packet) { p.Payload = p.Payload[:3]; p.PayloadType = ptEvent }), // short event
		arrival{200 * ms, nil},
	)
	play(b, arr, 400*ms)
	st := b.Stats()
	if st.Malformed != 4 || st.UnknownPT != 1 || st.Discarded != 5 || st.Events != 0 {
		t.Errorf("stats %+v", st)
	}
	// Bad payloads were received (they are not loss); the version-1 packet
	// was not RTP, so its sequence number is the one missing.
	if st.Received != 14 || st.Lost != 1 {
		t.Errorf("received %d lost %d, want 14 and 1", st.Received, st.Lost)
	}
}

func reset(t *testing.T) {
	b := newTestBuffer(t, nil)
	play(b, stream(newSender(1, 1, 0, ptime20), 10, 0), 300*ms)
	b.Reset()
	if st := b.Stats(); st != (Stats{}) {
		t.Errorf("after Reset: %+v", st)
	}
	out := play(b, stream(newSender(9, 500, 77, ptime20), 10, 0), 300*ms)
	checkWave(t, out.audio(ptime20), 77, 10*ptime20)
}

func halfFrame(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, 240), 20, 0) // 30 ms packets
	arr = append(arr[:5], arr[6:]...)             // lose [1200, 1440)
	out := play(b, arr, 700*ms)
	i := 3 + 1120/ptime20 // after three Idle frames, the frame starting at sample 1120
	if st := out.st[i]; st.Kind != Concealed || st.Real != 80 || st.Concealed != 80 {
		t.Errorf("frame at 1120: %+v, want 80 received then 80 concealed", st)
	}
	if st := out.st[i+1]; st.Kind != Concealed || st.Real != 0 || st.Concealed != 160 {
		t.Errorf("frame at 1280: %+v, want all concealed", st)
	}
	if st := out.st[i+2]; st.Kind != Audio || st.Real != 160 {
		t.Errorf("frame at 1440: %+v, want audio again", st)
	}
	if st := b.Stats(); st.ConcealedMs != 30 || st.Lost != 1 {
		t.Errorf("stats %+v", st)
	}
}

func shortDst(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 10, 0)
	for _, a := range arr {
		b.Push(a.p, testTime.Add(a.at))
	}
	b.Pop(nil)
	short := make([]int16, 10)
	for range 4 {
		b.Pop(short)
	}
	if short[0] != wave(ptime20) || short[9] != wave(ptime20+9) {
		t.Errorf("short dst %v, want the first samples of the frame", short)
	}
}
