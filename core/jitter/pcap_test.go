package jitter

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pion/rtp"
)

const fixtures = "../../testdata"

// readPcap returns the RTP packets of a classic libpcap capture
// (Ethernet/[802.1Q]/IPv4/UDP), each at its capture time relative to the first.
func readPcap(path string) ([]arrival, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 24 {
		return nil, errors.New("pcap: short file")
	}
	var order binary.ByteOrder = binary.LittleEndian
	nano := false
	switch binary.LittleEndian.Uint32(data) {
	case 0xa1b2c3d4:
	case 0xa1b23c4d:
		nano = true
	case 0xd4c3b2a1:
		order = binary.BigEndian
	case 0x4d3cb2a1:
		order, nano = binary.BigEndian, true
	default:
		return nil, errors.New("pcap: not a classic libpcap file")
	}
	if link := order.Uint32(data[20:]); link != 1 {
		return nil, fmt.Errorf("pcap: link type %d, want 1 (Ethernet)", link)
	}
	var out []arrival
	var first time.Time
	for off := 24; off+16 <= len(data); {
		sec, frac, incl := order.Uint32(data[off:]), order.Uint32(data[off+4:]), int(order.Uint32(data[off+8:]))
		off += 16
		if off+incl > len(data) {
			return nil, errors.New("pcap: truncated record")
		}
		at := time.Unix(int64(sec), int64(frac)*1000)
		if nano {
			at = time.Unix(int64(sec), int64(frac))
		}
		if first.IsZero() {
			first = at
		}
		if p, ok := udpRTP(data[off : off+incl]); ok {
			out = append(out, arrival{at.Sub(first), p})
		}
		off += incl
	}
	return out, nil
}

// udpRTP digs the RTP packet out of an Ethernet frame.
func udpRTP(f []byte) (*rtp.Packet, bool) {
	if len(f) < 14 {
		return nil, false
	}
	eth, typ := f[14:], binary.BigEndian.Uint16(f[12:])
	if typ == 0x8100 && len(f) >= 18 {
		eth, typ = f[18:], binary.BigEndian.Uint16(f[16:])
	}
	if typ != 0x0800 || len(eth) < 20 || eth[9] != 17 {
		return nil, false
	}
	ihl := int(eth[0]&0x0f) * 4
	if len(eth) < ihl+8 {
		return nil, false
	}
	udp := eth[ihl:]
	ulen := int(binary.BigEndian.Uint16(udp[4:]))
	if ulen < 8 || ulen > len(udp) {
		return nil, false
	}
	p := &rtp.Packet{}
	if err := p.Unmarshal(udp[8:ulen]); err != nil {
		return nil, false
	}
	return p, true
}

// expectedRows reads rtp-dtmf/expected.tsv into maps keyed by column name.
func expectedRows(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtures, "rtp-dtmf", "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var head []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if head == nil {
			head = cols
			continue
		}
		row := map[string]string{}
		for i, c := range cols {
			row[head[i]] = c
		}
		rows = append(rows, row)
	}
	return rows
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// The SIPp captures: one RFC 4733 event per file whose three end packets
// share one sequence number; exactly one digit must come out of each.
func TestDTMFCaptures(t *testing.T) {
	for _, row := range expectedRows(t) {
		if row["event"] == "-" {
			continue
		}
		t.Run(row["file"]+" gives exactly one "+row["digit"], func(t *testing.T) {
			arr, err := readPcap(filepath.Join(fixtures, "rtp-dtmf", row["file"]))
			if err != nil {
				t.Fatal(err)
			}
			if len(arr) != atoi(t, row["packets"]) {
				t.Fatalf("%d packets, expected.tsv says %s", len(arr), row["packets"])
			}
			b := newTestBuffer(t, func(c *Config) { c.Decoders = map[uint8]Decoder{8: alawDecoder(t)} })
			play(b, arr, arr[len(arr)-1].at+100*ms)
			ev, ok := b.PopEvent()
			if !ok || string(ev.Digit()) != row["digit"] || int(ev.Code) != atoi(t, row["event"]) ||
				int(ev.Duration) != atoi(t, row["final_duration"]) || int(ev.Volume) != atoi(t, row["volume"]) ||
				int(ev.Timestamp) != atoi(t, row["first_ts"]) || !ev.Ended {
				t.Fatalf("event %+v (ok %v), want %s", ev, ok, row)
			}
			if extra, more := b.PopEvent(); more {
				t.Fatalf("a second event %+v from the repeated end packets", extra)
			}
			if st := b.Stats(); st.Discarded != 0 || st.Duplicates != 0 || st.Lost != 0 || st.Events != 1 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// The SIPp PCMA stream (30 ms packets, clean): the popped PCM, leading Idle
// frames removed, must be the reference decode bit for bit.
func TestG711ACapturePlaysBitExact(t *testing.T) {
	var row map[string]string
	for _, r := range expectedRows(t) {
		if r["file"] == "g711a.pcap" {
			row = r
		}
	}
	arr, err := readPcap(filepath.Join(fixtures, "rtp-dtmf", "g711a.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	if len(arr) != atoi(t, row["packets"]) {
		t.Fatalf("%d packets, expected.tsv says %s", len(arr), row["packets"])
	}
	total := 0
	for _, a := range arr {
		total += len(a.p.Payload)
	}
	b := newTestBuffer(t, func(c *Config) { c.Decoders = map[uint8]Decoder{8: alawDecoder(t)} })
	out := play(b, arr, arr[len(arr)-1].at+200*ms)
	pcm := out.audio(b.FrameSamples())
	if len(pcm) < total {
		t.Fatalf("%d samples played, want %d", len(pcm), total)
	}
	sum := sha256.New()
	binary.Write(sum, binary.LittleEndian, pcm[:total])
	const want = "dcdd5c87686c3566fcb8e5a04797c879b2168c9e0f790e6c8ac2ad3e1f77bb3e"
	if got := hex.EncodeToString(sum.Sum(nil)); got != want {
		t.Errorf("SHA-256 of %d samples %s, want %s", total, got, want)
	}
	st := b.Stats()
	if st.Lost != 0 || st.Late != 0 || st.Adjustments != 0 || st.ConcealedMs != 0 || st.Received != 236 {
		t.Errorf("stats %+v", st)
	}
}
