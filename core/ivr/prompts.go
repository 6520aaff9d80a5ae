package ivr

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/reel-project/reel/core/tone"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// ErrNoSpeech is returned by a Prompts without text-to-speech.
var ErrNoSpeech = errors.New("ivr: no text-to-speech configured")

// WAVPrompts plays <audio> that is an 8 kHz WAV file (PCM16, µ-law or
// A-law, at most tone.MaxDuration), fetched through the application's
// fetcher — so the interpreter's own check of the file and the playback
// share one cached fetch — and decoded once per cache entry. It has no
// text-to-speech: text prompts fail with ErrNoSpeech. It is the source
// reel-mcp uses until core/prompt (every format, resampling, TTS) is wired
// in (decision 0040).
type WAVPrompts struct {
	Fetcher *fetch.Fetcher
}

// Audio fetches and decodes uri.
func (w WAVPrompts) Audio(ctx context.Context, uri string) ([]int16, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("ivr: audio URI: %w", err)
	}
	resp, err := w.Fetcher.Fetch(ctx, fetch.Request{URL: u, MaxAge: -1, MaxStale: -1})
	if err != nil {
		return nil, err
	}
	v, err := resp.Memo("ivr.pcm", func() (any, error) { return tone.ParseWAV(resp.Body) })
	if err != nil {
		return nil, err
	}
	return v.(*tone.Source).Samples(), nil
}

// Speak fails: no text-to-speech.
func (WAVPrompts) Speak(context.Context, string) ([]int16, error) { return nil, ErrNoSpeech }
