package ivr

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml/fetch"
)

const benchMenu = head + `<form id="menu"><field name="k" type="digits?length=1">
  <prompt><audio src="menu.wav"/></prompt><filled><goto next="#menu"/></filled></field></form></vxml>`

// benchServer serves the menu and a cacheable 1 s WAV prompt.
func benchServer(b *testing.B) string {
	wav := wav8k(8000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		if r.URL.Path == "/menu.wav" {
			_, _ = w.Write(wav)
			return
		}
		_, _ = w.Write([]byte(benchMenu))
	}))
	b.Cleanup(srv.Close)
	return srv.URL + "/menu.vxml"
}

// wav8k is an 8 kHz PCM16 WAV of n samples of a constant level.
func wav8k(n int) []byte {
	var buf bytes.Buffer
	le := func(v any) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	buf.WriteString("RIFF")
	le(uint32(36 + 2*n))
	buf.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(8000), uint32(16000), uint16(2), uint16(16)} {
		le(v)
	}
	buf.WriteString("data")
	le(uint32(2 * n))
	for range n {
		le(int16(3000))
	}
	return buf.Bytes()
}

// BenchmarkMenuStep is one step of a menu with cached documents and
// prompts: a key press (barge-in) until the next prompt is queued for the
// clock to play — the key-to-next-prompt latency minus the ≤ 20 ms until
// the next tick.
func BenchmarkMenuStep(b *testing.B) {
	url := benchServer(b)
	f := fetch.New(fetch.Options{})
	s := New(Config{Fetcher: f, Prompts: loaderPrompts(f), Platform: &platform{}, InBand: true})
	if err := s.Start(url); err != nil {
		b.Fatal(err)
	}
	go s.Run()
	defer s.Stop()
	waitBusy(s)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s.Digit('1') // barge-in flushes the prompt
		waitBusy(s)
	}
}

func waitBusy(s *Session) {
	for !s.play.Playing() {
		runtime.Gosched()
	}
}

func loaderPrompts(f *fetch.Fetcher) LoaderPrompts {
	return LoaderPrompts{Loader: prompt.NewLoader(f, prompt.NewCache(16<<20, time.Second), 0)}
}

// BenchmarkNewSession is the cost of a new IVR session up to its first
// prompt, with the documents and prompt in the cache.
func BenchmarkNewSession(b *testing.B) {
	url := benchServer(b)
	f := fetch.New(fetch.Options{})
	p := loaderPrompts(f)
	b.ReportAllocs()
	for range b.N {
		s := New(Config{Fetcher: f, Prompts: p, Platform: &platform{}, InBand: true})
		if err := s.Start(url); err != nil {
			b.Fatal(err)
		}
		s.perform(s.pending)
		s.Stop()
		s.cancel()
	}
}
