package prompt

import (
	"context"
	"fmt"
	"net/url"
	"time"
	"unsafe"

	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/plugins/sdk"
)

// Loader fetches, decodes and caches audio for every call of a process. It
// is safe for concurrent use.
type Loader struct {
	fetcher     *fetch.Fetcher
	cache       *Cache
	maxDuration time.Duration
}

// NewLoader returns a Loader fetching through f (the process's one
// Fetcher, whose options decide the file: roots, size limit and HTTP
// client), caching in c, and refusing audio longer than maxDuration (0:
// DefaultMaxDuration).
func NewLoader(f *fetch.Fetcher, c *Cache, maxDuration time.Duration) *Loader {
	if maxDuration <= 0 {
		maxDuration = DefaultMaxDuration
	}
	return &Loader{fetcher: f, cache: c, maxDuration: maxDuration}
}

// Cache returns the Loader's cache, which text-to-speech shares.
func (l *Loader) Cache() *Cache { return l.cache }

// Load returns the decoded audio at req.URL. The fetcher decides whether
// the cached body is still fresh (maxage, maxstale, Cache-Control,
// revalidation); the audio is decoded again only when the body changed.
// Errors wrap fetch.ErrFetch (a *fetch.StatusError for an HTTP status),
// and for undecodable bodies also ErrFormat or ErrTooLong.
func (l *Loader) Load(ctx context.Context, req fetch.Request) (*Audio, error) {
	if req.URL == nil {
		return nil, fmt.Errorf("%w: no audio URI", fetch.ErrFetch)
	}
	u := *req.URL
	u.Fragment = ""
	key := u.String()
	return l.cache.get(ctx, key, func(ctx context.Context, have *Audio, src []byte) (*Audio, []byte, error) {
		resp, err := l.fetcher.Fetch(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if have != nil && sameBytes(src, resp.Body) {
			return have, src, nil
		}
		a, err := Decode(resp.Body, DecodeOptions{ContentType: resp.ContentType, Name: resp.URL.Path, MaxDuration: l.maxDuration})
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %s: %w", fetch.ErrFetch, redact(&u), err)
		}
		return a, resp.Body, nil
	})
}

// sameBytes reports whether a and b are the same slice (not merely equal
// contents): the fetcher hands out its cached body itself while it is
// fresh or revalidated unchanged. The cache keeps src alive, so its address
// cannot be reused by another body.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

func redact(u *url.URL) string { return u.Redacted() }

// Synthesize returns the speech for text in voice from the cache, or calls
// synth to make it and caches it under (voice, text).
func (l *Loader) Synthesize(ctx context.Context, voice, text string, synth func(ctx context.Context) (*Audio, error)) (*Audio, error) {
	key := "tts:" + voice + "\x00" + text
	if a := l.cache.peek(key); a != nil {
		return a, nil
	}
	return l.cache.get(ctx, key, func(ctx context.Context, have *Audio, _ []byte) (*Audio, []byte, error) {
		if have != nil {
			return have, nil, nil
		}
		a, err := synth(ctx)
		return a, nil, err
	})
}

// Speak returns req spoken by tts: from the cache, or synthesized, decoded
// and resampled to 8 kHz, and cached under (voice, text) — SSML and plain
// text apart. Errors wrap ErrSpeech (and the plugin's sdk error, so
// errors.Is(err, sdk.ErrInvalid) tells bad text or an unknown voice).
func (l *Loader) Speak(ctx context.Context, tts sdk.TTS, req sdk.Speech) (*Audio, error) {
	voice := req.Voice
	if req.SSML {
		voice += "\x00ssml"
	}
	return l.Synthesize(ctx, voice, req.Text, func(ctx context.Context) (*Audio, error) {
		out, err := tts.Synthesize(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrSpeech, err)
		}
		a, err := Decode(out.Data, DecodeOptions{ContentType: out.ContentType, MaxDuration: l.maxDuration})
		if err != nil {
			return nil, fmt.Errorf("%w: the engine's audio: %w", ErrSpeech, err)
		}
		return a, nil
	})
}
