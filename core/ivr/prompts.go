package ivr

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// ErrNoSpeech is returned by a Prompts without text-to-speech.
var ErrNoSpeech = errors.New("ivr: no text-to-speech configured")

// LoaderPrompts plays <audio> through core/prompt's Loader (the process's
// fetcher and decoded-audio cache: WAV at any rate, G.711, MP3). Speak is
// text-to-speech: nil fails text prompts with ErrNoSpeech.
type LoaderPrompts struct {
	Loader *prompt.Loader
	Speech func(ctx context.Context, text string) (*prompt.Audio, error)
}

// Audio fetches (or finds in the cache) and decodes uri.
func (l LoaderPrompts) Audio(ctx context.Context, uri string) (*prompt.Audio, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("ivr: audio URI: %w", err)
	}
	return l.Loader.Load(ctx, fetch.Request{URL: u, MaxAge: -1, MaxStale: -1})
}

// Speak synthesizes text, or fails with ErrNoSpeech.
func (l LoaderPrompts) Speak(ctx context.Context, text string) (*prompt.Audio, error) {
	if l.Speech == nil {
		return nil, ErrNoSpeech
	}
	return l.Speech(ctx, text)
}
