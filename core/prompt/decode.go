package prompt

import (
	"fmt"
	"mime"
	"path"
	"strings"
	"time"

	"github.com/reel-project/reel/codecs/g711"
)

// DefaultMaxDuration is the longest audio Decode accepts when
// DecodeOptions.MaxDuration is zero: ten minutes, 9.6 MB decoded.
const DefaultMaxDuration = 10 * time.Minute

// DecodeOptions tell Decode what the bytes are when they do not say so
// themselves, and bound the result.
type DecodeOptions struct {
	// ContentType is the HTTP Content-Type, if any.
	ContentType string
	// Name is the URI path or file name; its extension identifies
	// headerless G.711 (.ul, .ulaw, .mulaw, .al, .alaw).
	Name string
	// MaxDuration bounds the decoded audio; 0 means DefaultMaxDuration.
	MaxDuration time.Duration
}

// Decode decodes a whole audio file into 8 kHz mono PCM16. WAV and MP3 are
// recognised by their first bytes whatever they are called; headerless
// G.711 by the Content-Type (audio/basic, audio/x-alaw-basic) or the name's
// extension. Errors wrap ErrFormat or ErrTooLong. b is not retained.
func Decode(b []byte, o DecodeOptions) (*Audio, error) {
	maxSamples := DurationToSamples(o.MaxDuration)
	if o.MaxDuration <= 0 {
		maxSamples = DurationToSamples(DefaultMaxDuration)
	}
	switch {
	case isWAV(b):
		return decodeWAV(b, maxSamples)
	case isMP3(b) && !headerless(o):
		return decodeMP3(b, maxSamples)
	}
	if law, ok := lawOf(o); ok {
		return decodeLaw(b, law, maxSamples)
	}
	return nil, fmt.Errorf("%w: not WAV or MP3, and neither the type %q nor the name %q says G.711",
		ErrFormat, o.ContentType, path.Base(o.Name))
}

// headerless reports whether o names raw G.711, whose first bytes may look
// like an MP3 sync word (0xFF is µ-law silence).
func headerless(o DecodeOptions) bool {
	_, ok := lawOf(o)
	return ok
}

// lawOf returns the G.711 law that o's type or name announces.
func lawOf(o DecodeOptions) (g711.Law, bool) {
	if mt, _, err := mime.ParseMediaType(o.ContentType); err == nil {
		switch mt {
		case "audio/basic", "audio/pcmu", "audio/x-mulaw", "audio/x-ulaw":
			return g711.MuLaw, true
		case "audio/x-alaw-basic", "audio/pcma", "audio/x-alaw":
			return g711.ALaw, true
		}
	}
	switch strings.ToLower(path.Ext(o.Name)) {
	case ".ul", ".ulaw", ".mulaw", ".mu", ".pcmu":
		return g711.MuLaw, true
	case ".al", ".alaw", ".pcma":
		return g711.ALaw, true
	}
	return g711.MuLaw, false
}
