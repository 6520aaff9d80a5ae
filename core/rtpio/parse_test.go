package rtpio

import (
	"bytes"
	"testing"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

func TestParseTellsRTPFromRTCPAndRejectsBrokenDatagrams(t *testing.T) {
	rtpPkt := marshalRTP(t, rtp.Header{PayloadType: 0, SequenceNumber: 1}, []byte{1, 2})
	highPT := marshalRTP(t, rtp.Header{PayloadType: 127, Marker: true}, []byte{1})
	sr, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.SenderReport{SSRC: 9, NTPTime: 7}, rtcp.NewCNAMESourceDescription(9, "x")})
	rr, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.ReceiverReport{SSRC: 9, Reports: []rtcp.ReceptionReport{{SSRC: 1}}}})
	bye, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.Goodbye{Sources: []uint32{9}}})
	tests := []struct {
		name  string
		b     []byte
		want  kind
		hasSR bool
	}{
		{"an RTP packet is RTP", rtpPkt, kindRTP, false},
		{"payload type 127 with the marker bit is RTP, not RTCP", highPT, kindRTP, false},
		{"a sender report compound is RTCP with sender info", sr, kindRTCP, true},
		{"a receiver report with a block is RTCP", rr, kindRTCP, false},
		{"a reduced-size BYE is RTCP", bye, kindRTCP, false},
		{"second octet 192 is RTCP", []byte{0x80, 192, 0, 0}, kindRTCP, false},
		{"second octet 224 is RTP (and too short)", []byte{0x80, 224, 0, 0}, kindMalformed, false},
		{"a compound with trailing bytes is malformed", append(bytes.Clone(rr), 0x80), kindMalformed, false},
		{"a compound whose second packet has version 1 is malformed", append(bytes.Clone(rr), 0x40, 201, 0, 0), kindMalformed, false},
	}
	d := newDatagram()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d.parse(tt.b)
			if d.kind != tt.want || d.hasSR != tt.hasSR {
				t.Fatalf("kind %d hasSR %v, want %d %v", d.kind, d.hasSR, tt.want, tt.hasSR)
			}
		})
	}
	d.parse(sr)
	if d.sr.SSRC != 9 || d.sr.NTPTime != 7 {
		t.Fatalf("sender info = %+v", d.sr)
	}
}

// FuzzParse checks parse against pion's parsers: what we call RTP, pion
// parses to the same packet; what we reject as RTP, pion rejects too (or its
// version is not 2); RTCP pion accepts, we accept with the same sender info.
func FuzzParse(f *testing.F) {
	d := newDatagram() // reused, as a receive loop does
	f.Fuzz(func(t *testing.T, b []byte) {
		d.parse(b)
		switch demux(b) {
		case kindRTP:
			checkRTP(t, d, b)
		case kindRTCP:
			checkRTCP(t, d, b)
		default:
			if d.kind != kindMalformed {
				t.Fatalf("kind %d for a datagram demux rejects", d.kind)
			}
		}
	})
}

func checkRTP(t *testing.T, d *datagram, b []byte) {
	var want rtp.Packet
	err := want.Unmarshal(b)
	if (err == nil) != (d.kind == kindRTP) {
		t.Fatalf("kind %d, pion error %v", d.kind, err)
	}
	if err != nil {
		return
	}
	got := &d.rtp
	if got.Version != 2 || got.SequenceNumber != want.SequenceNumber || got.Timestamp != want.Timestamp ||
		got.SSRC != want.SSRC || got.PayloadType != want.PayloadType || len(got.CSRC) != len(want.CSRC) ||
		len(got.Extensions) != len(want.Extensions) || !bytes.Equal(got.Payload, want.Payload) {
		t.Fatalf("parsed %+v, pion %+v", got.Header, want.Header)
	}
}

func checkRTCP(t *testing.T, d *datagram, b []byte) {
	pkts, err := rtcp.Unmarshal(b)
	if err != nil {
		return // we may be more lenient than pion
	}
	if d.kind != kindRTCP {
		t.Fatalf("pion parses %d RTCP packets, we say kind %d", len(pkts), d.kind)
	}
	for _, p := range pkts {
		if sr, ok := p.(*rtcp.SenderReport); ok {
			if !d.hasSR || d.sr.SSRC != sr.SSRC || d.sr.NTPTime != sr.NTPTime || d.sr.RTPTime != sr.RTPTime {
				t.Fatalf("sender info %+v, pion %+v", d.sr, sr)
			}
			return
		}
	}
}
