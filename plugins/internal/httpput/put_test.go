package httpput

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"reflect"
	"testing"
)

func TestParentsListsTheCollectionsBelowTheRoot(t *testing.T) {
	root, _ := url.Parse("http://h/recordings")
	cases := []struct {
		target string
		want   []string
	}{
		{"http://h/recordings/a.wav", nil},
		{"http://h/recordings/acme/2026/01/a.wav", []string{"http://h/recordings/acme/", "http://h/recordings/acme/2026/", "http://h/recordings/acme/2026/01/"}},
		{"http://h/elsewhere/x/a.wav", nil},
		{"http://other/recordings/x/a.wav", nil},
	}
	for _, tc := range cases {
		u, _ := url.Parse(tc.target)
		var got []string
		for _, p := range parents(root, u) {
			got = append(got, p.String())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parents(%s) = %q, want %q", tc.target, got, tc.want)
		}
	}
}

// failingAtEnd yields data, then fails on the read after the last byte, as
// the SDK's reader does when the SHA-256 is wrong.
type failingAtEnd struct {
	data []byte
	err  error
}

func (f *failingAtEnd) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// readLikeTheTransport reads size bytes as net/http does for a body with a
// Content-Length, then the extra read that finds the body's end.
func readLikeTheTransport(r io.Reader, size int64) (int64, error) {
	n, err := io.CopyBuffer(io.Discard, io.LimitReader(r, size), make([]byte, 4096))
	if err != nil {
		return n, err
	}
	_, err = io.Copy(io.Discard, r)
	return n, err
}

func TestTheLastBytesWaitForTheSourcesCleanEnd(t *testing.T) {
	const size = 10000
	damaged := errors.New("sha256 mismatch")
	cases := []struct {
		name    string
		src     io.Reader
		wantN   int64
		wantErr error
	}{
		{"clean end", bytes.NewReader(make([]byte, size)), size, nil},
		{"failure after the last byte", &failingAtEnd{make([]byte, size), damaged}, size - size%4096, damaged},
		{"longer than declared", bytes.NewReader(make([]byte, size+1)), size - size%4096, errLonger},
		{"shorter than declared", &failingAtEnd{make([]byte, size-1), io.ErrUnexpectedEOF}, size - 1, io.ErrUnexpectedEOF},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := &countingReader{r: tc.src, size: size}
			n, err := readLikeTheTransport(body, size)
			if n != tc.wantN || !errors.Is(err, tc.wantErr) {
				t.Fatalf("transport got %d bytes, err %v; want %d, %v", n, err, tc.wantN, tc.wantErr)
			}
			if n == size && body.failure() != nil {
				t.Errorf("a complete body with failure %v", body.failure())
			}
			if tc.wantErr != nil && !errors.Is(body.failure(), tc.wantErr) {
				t.Errorf("failure() = %v, want %v", body.failure(), tc.wantErr)
			}
		})
	}
}

// FuzzDecodeProps feeds PROPFIND answers to the multistatus reader: no
// panic, and a size it reports is never negative.
func FuzzDecodeProps(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns1="urn:reel:"><D:response><D:href>/r/a.wav</D:href>
<D:propstat><D:prop><D:getcontentlength>1024</D:getcontentlength><D:getetag>"400-5f"</D:getetag><ns1:sha256>ab12</ns1:sha256></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><ns1:other/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response></D:multistatus>`))
	f.Add([]byte(`<D:multistatus xmlns:D="DAV:"><D:response><D:propstat><D:prop><D:getcontentlength>-5</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`))
	f.Add([]byte(`<html>502 Bad Gateway</html>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeProps(bytes.NewReader(body))
		if err == nil && p.Size < 0 {
			t.Errorf("size %d from %q", p.Size, body)
		}
	})
}
