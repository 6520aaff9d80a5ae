package tone

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// toneServer serves files by path on 127.0.0.1; /status/N answers N, /slow
// answers only when the client gives up, /stream sends body without a
// Content-Length.
func toneServer(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, b := range files {
		mux.HandleFunc("/"+path, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(b)))
			_, _ = w.Write(b)
		})
	}
	mux.HandleFunc("/status/404", func(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) })
	mux.HandleFunc("/status/500", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, _ *http.Request) {
		for range 8 {
			_, _ = w.Write(make([]byte, 1000))
			w.(http.Flusher).Flush()
		}
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestLoadOverHTTPDecodesEveryEncoding(t *testing.T) {
	files := map[string]wavFile{
		"pcm.wav":         pcmFile(1, ramp(1000)),
		"pcm-stereo.wav":  pcmFile(2, append(ramp(999), 3)),
		"alaw.wav":        lawFile(tagALaw, 1, allCodes()),
		"alaw-stereo.wav": lawFile(tagALaw, 2, allCodes()),
		"ulaw.wav":        lawFile(tagMuLaw, 1, allCodes()),
		"ulaw-stereo.wav": lawFile(tagMuLaw, 2, allCodes()),
	}
	served := map[string][]byte{}
	for name, f := range files {
		served[name] = f.bytes()
	}
	s := toneServer(t, served)
	for name, f := range files {
		t.Run(name+" loads like ParseWAV", func(t *testing.T) {
			want, err := ParseWAV(f.bytes())
			if err != nil {
				t.Fatal(err)
			}
			got, err := Load(context.Background(), s.URL+"/"+name, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			equalSamples(t, got.Samples(), want.Samples())
			if got.Len() != len(f.data)/f.channels/(f.bits/8) {
				t.Fatalf("Len %d", got.Len())
			}
		})
	}
}

func TestLoadOverHTTPFails(t *testing.T) {
	rate := pcmFile(1, ramp(100))
	rate.rate = 16000
	s := toneServer(t, map[string][]byte{
		"16k.wav":  rate.bytes(),
		"long.wav": pcmFile(1, make([]int16, maxSamples+1)).bytes(),
		"big.wav":  pcmFile(1, ramp(4000)).bytes(),
		"page":     []byte("<html>tone.wav</html>"),
	})
	tests := []struct {
		name    string
		path    string
		opt     LoadOptions
		want    error
		message string
	}{
		{"a 404 is a fetch error with the status", "/status/404", LoadOptions{}, ErrFetch, "status 404"},
		{"a 500 is a fetch error with the status", "/status/500", LoadOptions{}, ErrFetch, "status 500"},
		{"a server slower than Timeout is a fetch error", "/slow", LoadOptions{Timeout: 50 * time.Millisecond}, ErrFetch, ""},
		{"a wrong rate is a rate error", "/16k.wav", LoadOptions{}, ErrRate, "16000 Hz"},
		{"more than 10 s of audio is too large", "/long.wav", LoadOptions{}, ErrTooLarge, "of audio"},
		{"a Content-Length over MaxBytes is too large", "/big.wav", LoadOptions{MaxBytes: 4000}, ErrTooLarge, "Content-Length 8044"},
		{"a streamed body over MaxBytes is too large", "/stream", LoadOptions{MaxBytes: 4000}, ErrTooLarge, "more than 4000 bytes"},
		{"a page that is not WAV is a format error", "/page", LoadOptions{}, ErrFormat, "not a RIFF/WAVE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(context.Background(), s.URL+tt.path, tt.opt)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("got %v, want %v containing %q", err, tt.want, tt.message)
			}
		})
	}
}

func TestLoadTimeoutKeepsTheCause(t *testing.T) {
	s := toneServer(t, nil)
	_, err := Load(context.Background(), s.URL+"/slow", LoadOptions{Timeout: 20 * time.Millisecond})
	if !errors.Is(err, ErrFetch) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, s.URL+"/slow", LoadOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: got %v", err)
	}
}

func TestLoadRedactsPasswords(t *testing.T) {
	s := toneServer(t, nil)
	uri := strings.Replace(s.URL, "http://", "http://reel:hunter2@", 1) + "/status/404"
	_, err := Load(context.Background(), uri, LoadOptions{})
	if !errors.Is(err, ErrFetch) || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadURIs(t *testing.T) {
	path := writeTemp(t, "beep.wav", pcmFile(1, ramp(300)).bytes())
	big := writeTemp(t, "big.wav", pcmFile(1, ramp(600)).bytes())
	allow := LoadOptions{AllowFile: true}
	tests := []struct {
		name string
		uri  string
		opt  LoadOptions
		want error // nil: loads ramp(300)
	}{
		{"a plain path loads when files are allowed", path, allow, nil},
		{"a file URI loads when files are allowed", "file://" + path, allow, nil},
		{"a file://localhost URI loads when files are allowed", "file://localhost" + path, allow, nil},
		{"a plain path is refused by default", path, LoadOptions{}, ErrFetch},
		{"a file URI is refused by default", "file://" + path, LoadOptions{}, ErrFetch},
		{"a file URI with a remote host is refused", "file://example.com" + path, allow, ErrFetch},
		{"a missing file is a fetch error", path + ".missing", allow, ErrFetch},
		{"a directory is a fetch error", os.TempDir(), allow, ErrFetch},
		{"a file over MaxBytes is too large", big, LoadOptions{AllowFile: true, MaxBytes: 1000}, ErrTooLarge},
		{"an empty URI is a fetch error", "", allow, ErrFetch},
		{"an unsupported scheme is a fetch error", "ftp://127.0.0.1/beep.wav", allow, ErrFetch},
		{"an unparsable URI is a fetch error", "http://[::1", allow, ErrFetch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Load(context.Background(), tt.uri, tt.opt)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("got %v, want %v", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			equalSamples(t, src.Samples(), ramp(300))
		})
	}
}
