package sdk

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"
)

// chunks feeds an objectReader from a list of chunks, then io.EOF or end.
func chunks(parts [][]byte, end error) func() ([]byte, error) {
	return func() ([]byte, error) {
		if len(parts) == 0 {
			return nil, end
		}
		b := parts[0]
		parts = parts[1:]
		return b, nil
	}
}

func objectFor(data []byte) Object {
	sum := sha256.Sum256(data)
	return Object{Key: Key{"r", "n"}, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

func TestObjectReaderYieldsExactlyThePromisedBytes(t *testing.T) {
	data := []byte("hello, recording")
	errStream := errors.New("stream broke")
	cases := []struct {
		name  string
		obj   Object
		parts [][]byte
		end   error
		want  error // nil: the content arrives intact
	}{
		{"whole content in one chunk", objectFor(data), [][]byte{data}, io.EOF, nil},
		{"content split over chunks, one empty", objectFor(data), [][]byte{data[:3], {}, data[3:]}, io.EOF, nil},
		{"an empty object", objectFor(nil), nil, io.EOF, nil},
		{"a short stream", objectFor(data), [][]byte{data[:5]}, io.EOF, ErrMismatch},
		{"a long stream", objectFor(data[:5]), [][]byte{data}, io.EOF, ErrMismatch},
		{"a damaged byte", objectFor(data), [][]byte{append([]byte("j"), data[1:]...)}, io.EOF, ErrMismatch},
		{"a broken stream", objectFor(data), [][]byte{data[:4]}, errStream, errStream},
		{"a chunk over the limit", objectFor(make([]byte, 2<<20)), [][]byte{make([]byte, 2<<20)}, io.EOF, ErrInvalid},
	}
	for _, tc := range cases {
		for _, via := range []string{"Read", "WriteTo"} {
			t.Run(tc.name+" via "+via, func(t *testing.T) {
				r := newObjectReader(tc.obj, chunks(tc.parts, tc.end))
				got, err := drain(r, via)
				if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
					t.Fatalf("err = %v, want %v", err, tc.want)
				}
				if tc.want == nil && int64(len(got)) != tc.obj.Size {
					t.Errorf("got %d bytes, want %d", len(got), tc.obj.Size)
				}
			})
		}
	}
}

func TestAnObjectReaderStoppedBeforeItsEndFails(t *testing.T) {
	data := []byte("hello, recording")
	r := newObjectReader(objectFor(data), chunks([][]byte{data[:4], data[4:]}, io.EOF))
	buf := make([]byte, 4)
	if _, err := r.Read(buf); err != nil {
		t.Fatal(err)
	}
	r.stop()
	if _, err := io.ReadAll(r); !errors.Is(err, ErrMismatch) {
		t.Errorf("err = %v, want ErrMismatch", err)
	}
}

func drain(r *objectReader, via string) ([]byte, error) {
	var buf bytes.Buffer
	if via == "WriteTo" {
		_, err := r.WriteTo(&buf)
		return buf.Bytes(), err
	}
	b, err := io.ReadAll(struct{ io.Reader }{r}) // hide WriteTo
	return b, err
}

func FuzzObjectReader(f *testing.F) {
	f.Add([]byte("hello, recording"), []byte{3, 0, 5}, false)
	f.Add([]byte("abc"), []byte{1}, true)
	f.Fuzz(func(t *testing.T, data, cuts []byte, damage bool) {
		obj := objectFor(data)
		sent := bytes.Clone(data)
		if damage && len(sent) > 0 {
			sent[len(sent)/2] ^= 1
		}
		got, err := io.ReadAll(newObjectReader(obj, chunks(split(sent, cuts), io.EOF)))
		switch {
		case damage && len(data) > 0 && !errors.Is(err, ErrMismatch):
			t.Fatalf("damaged content read without ErrMismatch: %v", err)
		case (!damage || len(data) == 0) && (err != nil || !bytes.Equal(got, data)):
			t.Fatalf("intact content: err %v, %d of %d bytes", err, len(got), len(data))
		}
	})
}

// split cuts data at the lengths in cuts, the rest in a last chunk.
func split(data, cuts []byte) [][]byte {
	var parts [][]byte
	for _, c := range cuts {
		n := min(int(c), len(data))
		parts = append(parts, data[:n])
		data = data[n:]
	}
	return append(parts, data)
}
