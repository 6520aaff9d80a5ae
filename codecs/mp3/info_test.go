package mp3

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// stereo16 is the header of a 16 kbit/s joint stereo frame as LAME writes it.
var stereo16 = []byte{0xFF, 0xE3, 0x28, 0x64}

func TestInfoFrameIsAFrameHoldingTheCountsAndDelay(t *testing.T) {
	f := InfoFrame(Info{Channels: 2, Bitrate: 16, Frames: 100, Bytes: 14976, Delay: LAMEDelay, Padding: 239})
	h, err := ParseFrameHeader(f)
	if err != nil || h.Length != InfoLen || len(f) != InfoLen || h.Version != MPEG25 || h.SampleRate != 8000 || h.Channels != 2 {
		t.Fatalf("header %+v (%v), %d bytes", h, err, len(f))
	}
	x := f[HeaderLen+17:]
	if string(x[:4]) != "Info" || binary.BigEndian.Uint32(x[8:]) != 100 || binary.BigEndian.Uint32(x[12:]) != 14976 {
		t.Errorf("Xing part % x", x[:16])
	}
	l := x[infoXingLen:]
	if string(l[:9]) != "LAME3.100" || l[20] != 16 || l[21] != 0x24 || l[22] != 0x00 || l[23] != 0xEF {
		t.Errorf("LAME part % x", l[:24])
	}
	crcAt := HeaderLen + 17 + infoXingLen + infoCRCAt
	if got := binary.BigEndian.Uint16(f[crcAt:]); got != crc16(f[:crcAt]) || got == 0 {
		t.Errorf("tag CRC %04x", got)
	}
	if !isInfoFrame(f, h) || isInfoFrame(frames(t, stereo16, 1), h) {
		t.Error("isInfoFrame does not tell the Info frame from audio")
	}
}

func TestRepairRewritesThePlaceholderInfoFrame(t *testing.T) {
	placeholder := InfoFrame(Info{Channels: 2, Bitrate: 16})
	path := writeTemp(t, "cut.mp3", join(placeholder, frames(t, stereo16, 50), []byte{0xFF, 0xE3, 0x28}))
	r, err := Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Info || r.Frames != 50 || r.Samples != 50*576 || r.Duration().Milliseconds() != 50*72 || r.Trimmed != 3 {
		t.Fatalf("report %+v", r)
	}
	got := readFile(t, path)
	want := InfoFrame(Info{Channels: 2, Bitrate: 16, Frames: 50, Bytes: int64(InfoLen + 50*144), Delay: LAMEDelay})
	if !bytes.Equal(got[:InfoLen], want) || len(got) != InfoLen+50*144 {
		t.Errorf("repaired Info frame % x…, %d bytes", got[:40], len(got))
	}
}

func TestRepairRefusesAnInfoFrameWithoutAudio(t *testing.T) {
	path := writeTemp(t, "empty.mp3", InfoFrame(Info{Channels: 1, Bitrate: 8}))
	if _, err := Repair(path); err == nil {
		t.Error("an Info frame alone was repaired as audio")
	}
}
