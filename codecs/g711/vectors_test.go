package g711

import (
	"bufio"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The ITU-T G.191 STL vectors; see testdata/g711/SOURCE.md.
const vectorDir = "../../testdata/g711"

// readWords reads an STL vector: little-endian 16-bit words, one per input.
func readWords(t *testing.T, name string) []int16 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 2*65536 {
		t.Fatalf("%s: %d bytes, want %d", name, len(b), 2*65536)
	}
	w := make([]int16, len(b)/2)
	for i := range w {
		w[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return w
}

// readCodes reads an STL code vector: the low byte of each word is the wire code.
func readCodes(t *testing.T, name string) []byte {
	t.Helper()
	words := readWords(t, name)
	codes := make([]byte, len(words))
	for i, w := range words {
		if w>>8 != 0 {
			t.Fatalf("%s: word %d is %#04x, want a code in the low byte only", name, i, uint16(w))
		}
		codes[i] = byte(w)
	}
	return codes
}

// readTSV returns the data rows of a tab-separated fixture, comments and header dropped.
func readTSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	s := bufio.NewScanner(f)
	for header := true; s.Scan(); {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func parseInt(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 0, 32)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// lawVectors names the STL files of one law.
var lawVectors = []struct {
	law                    Law
	codes, decoded, tandem string
	decodeTable            string
}{
	{MuLaw, "sweep-r.u", "sweep-r.u-u", "sweep-r.reu", "ulaw_decode_table.tsv"},
	{ALaw, "sweep-r.a", "sweep-r.a-a", "sweep-r.rea", "alaw_decode_table.tsv"},
}

func TestEncodeMatchesITUVectors(t *testing.T) {
	src := readWords(t, "sweep.src")
	for _, v := range lawVectors {
		t.Run(v.law.String()+" encodes all 65536 inputs like the STL", func(t *testing.T) {
			want := readCodes(t, v.codes)
			got := make([]byte, len(src))
			if n := v.law.EncodeTo(got, src); n != len(src) {
				t.Fatalf("EncodeTo wrote %d, want %d", n, len(src))
			}
			for i := range src {
				if got[i] != want[i] {
					t.Errorf("encode(%d) = %#02x, want %#02x", src[i], got[i], want[i])
				}
			}
		})
	}
}

func TestDecodeMatchesITUVectors(t *testing.T) {
	for _, v := range lawVectors {
		t.Run(v.law.String()+" decodes every code of the encoded sweep like the STL", func(t *testing.T) {
			codes, want := readCodes(t, v.codes), readWords(t, v.decoded)
			got := make([]int16, len(codes))
			v.law.DecodeTo(got, codes)
			for i := range codes {
				if got[i] != want[i] {
					t.Fatalf("decode(%#02x) = %d, want %d", codes[i], got[i], want[i])
				}
			}
			seen := map[byte]bool{}
			for _, c := range codes {
				seen[c] = true
			}
			if len(seen) != 256 {
				t.Fatalf("the sweep reaches %d codes, want all 256", len(seen))
			}
		})
		t.Run(v.law.String()+" decodes all 256 codes as in the derived table", func(t *testing.T) {
			rows := readTSV(t, v.decodeTable)
			if len(rows) != 256 {
				t.Fatalf("%d rows, want 256", len(rows))
			}
			var got [1]int16
			for _, r := range rows {
				code, want := parseInt(t, r[0]), parseInt(t, r[1])
				v.law.DecodeTo(got[:], []byte{byte(code)})
				if int64(got[0]) != want {
					t.Errorf("decode(%#02x) = %d, want %d", code, got[0], want)
				}
			}
		})
		t.Run(v.law.String()+" encode then decode matches the STL round trip", func(t *testing.T) {
			src, want := readWords(t, "sweep.src"), readWords(t, v.tandem)
			codes, got := make([]byte, len(src)), make([]int16, len(src))
			v.law.EncodeTo(codes, src)
			v.law.DecodeTo(got, codes)
			for i := range src {
				if got[i] != want[i] {
					t.Fatalf("decode(encode(%d)) = %d, want %d", src[i], got[i], want[i])
				}
			}
		})
	}
}

func TestMuLawEncodeIsITUNotSun(t *testing.T) {
	rows := readTSV(t, "ulaw_encode_itu_vs_sun.tsv")
	if len(rows) != 508 {
		t.Fatalf("%d rows, want 508", len(rows))
	}
	var got [1]byte
	for _, r := range rows {
		in, itu, sun := parseInt(t, r[0]), parseInt(t, r[1]), parseInt(t, r[2])
		MuLaw.EncodeTo(got[:], []int16{int16(in)})
		if int64(got[0]) != itu || int64(got[0]) == sun {
			t.Errorf("encode(%d) = %#02x, want ITU %#02x (Sun gives %#02x)", in, got[0], itu, sun)
		}
	}
}
