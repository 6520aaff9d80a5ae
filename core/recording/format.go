package recording

import (
	"fmt"
	"strings"

	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/codecs/wav"
)

// Format is one kind of output file.
type Format struct {
	Name     string // config name, e.g. "mp3-16-stereo"
	Ext      string // file extension without the dot
	MIME     string // metadata "type"
	Channels int

	mp3  bool
	mode mp3.Mode
	enc  wav.Encoding
}

// Formats Reel writes, by config name. WAV files are stereo (one party per
// channel) so analytics can tell the speakers apart.
var formats = map[string]Format{
	"mp3-8-mono":    {Name: "mp3-8-mono", Ext: "mp3", MIME: "audio/mp3", Channels: 1, mp3: true, mode: mp3.Mono8},
	"mp3-16-stereo": {Name: "mp3-16-stereo", Ext: "mp3", MIME: "audio/mp3", Channels: 2, mp3: true, mode: mp3.Stereo16},
	"mp3-32-stereo": {Name: "mp3-32-stereo", Ext: "mp3", MIME: "audio/mp3", Channels: 2, mp3: true, mode: mp3.Stereo32},
	"wav-pcmu":      {Name: "wav-pcmu", Ext: "wav", MIME: "audio/wav", Channels: 2, enc: wav.MuLaw},
	"wav-pcma":      {Name: "wav-pcma", Ext: "wav", MIME: "audio/wav", Channels: 2, enc: wav.ALaw},
	"wav-pcm16":     {Name: "wav-pcm16", Ext: "wav", MIME: "audio/x-wav;codec=pcm", Channels: 2, enc: wav.PCM16},
}

// ParseFormat returns the format with the given config name.
func ParseFormat(name string) (Format, error) {
	f, ok := formats[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Format{}, fmt.Errorf("%w: %q", ErrUnknownFormat, name)
	}
	return f, nil
}

// ParseFormats parses a list of config names; two formats with the same file
// extension cannot be written for one recording (their names would collide).
func ParseFormats(names []string) ([]Format, error) {
	out := make([]Format, 0, len(names))
	seen := map[string]string{}
	for _, n := range names {
		f, err := ParseFormat(n)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[f.Ext]; dup {
			return nil, fmt.Errorf("%w: %q and %q both write .%s files", ErrUnknownFormat, prev, n, f.Ext)
		}
		seen[f.Ext] = n
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, ErrNoFormats
	}
	return out, nil
}

// FormatForMIME maps an MSML <record format=…> value (docs/wire.md §2) to a format:
// audio/mp3 (default for ""), audio/wav (G.711 µ-law), audio/x-wav;codec=pcm.
func FormatForMIME(mime string) (Format, error) {
	m := strings.ToLower(strings.ReplaceAll(mime, " ", ""))
	switch {
	case m == "" || m == "audio/mp3" || m == "audio/mpeg":
		return formats["mp3-16-stereo"], nil
	case strings.HasPrefix(m, "audio/x-wav;codec=pcm") || m == "audio/wav;codec=pcm":
		return formats["wav-pcm16"], nil
	case m == "audio/wav" || m == "audio/x-wav" || strings.HasPrefix(m, "audio/wav;codec=g711") || m == "audio/wav;codec=pcmu":
		return formats["wav-pcmu"], nil
	case m == "audio/wav;codec=pcma":
		return formats["wav-pcma"], nil
	}
	return Format{}, fmt.Errorf("%w: MIME type %q", ErrUnknownFormat, mime)
}
