package jitter

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// alaw decodes one G.711 A-law code (as sent in RTP PT 8) the textbook way.
func alaw(code byte) int16 {
	a := code ^ 0x55
	t := int16(a&0x0f) << 4
	switch seg := (a & 0x70) >> 4; seg {
	case 0:
		t += 8
	case 1:
		t += 0x108
	default:
		t = (t + 0x108) << (seg - 1)
	}
	if a&0x80 != 0 {
		return t
	}
	return -t
}

// alawDecoder returns a PT 8 Decoder after checking the formula against the
// ITU-T STL table in testdata/g711.
func alawDecoder(t *testing.T) Decoder {
	t.Helper()
	var table [256]int16
	f, err := os.Open(filepath.Join(fixtures, "g711", "alaw_decode_table.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 2 || !strings.HasPrefix(cols[0], "0x") {
			continue
		}
		code, err1 := strconv.ParseUint(cols[0][2:], 16, 8)
		lin, err2 := strconv.Atoi(cols[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %q", sc.Text())
		}
		if alaw(byte(code)) != int16(lin) {
			t.Fatalf("A-law 0x%02x: formula %d, STL table %d", code, alaw(byte(code)), lin)
		}
		table[code] = int16(lin)
		n++
	}
	if n != 256 {
		t.Fatalf("STL table has %d codes, want 256", n)
	}
	return func(dst []int16, p []byte) int {
		n := min(len(dst), len(p))
		for i, c := range p[:n] {
			dst[i] = table[c]
		}
		return n
	}
}
