package config

import (
	"slices"
	"strconv"
	"strings"
)

// formatExt maps each recording format name to the extension of its files;
// it mirrors core/recording's format table (a recording writes at most one
// file per extension, so two MP3 formats cannot be combined).
var formatExt = map[string]string{
	"mp3-8-mono":    "mp3",
	"mp3-16-stereo": "mp3",
	"mp3-32-stereo": "mp3",
	"wav-pcmu":      "wav",
	"wav-pcma":      "wav",
	"wav-pcm16":     "wav",
}

// formats lists the recording format names in a stable order.
var formats = []string{"mp3-8-mono", "mp3-16-stereo", "mp3-32-stereo", "wav-pcmu", "wav-pcma", "wav-pcm16"}

// ToneParties lists the values recording.tone_parties accepts.
var ToneParties = []string{"both", "recorded", "none"}

// Formats returns the names recording.formats accepts.
func Formats() []string { return slices.Clone(formats) }

func (r Recording) validate() []error {
	var errs []error
	if len(r.Formats) == 0 {
		errs = append(errs, invalid("recording.formats", "empty, want at least one of %s", strings.Join(formats, ", ")))
	}
	byExt := map[string]string{}
	for i, f := range r.Formats {
		key := "recording.formats[" + strconv.Itoa(i) + "]"
		ext, ok := formatExt[f]
		switch {
		case !ok:
			errs = append(errs, invalid(key, "unknown format %q (want one of %s)", f, strings.Join(formats, ", ")))
		case byExt[ext] != "":
			errs = append(errs, invalid(key, "%q and %q both write .%s files; keep one", byExt[ext], f, ext))
		default:
			byExt[ext] = f
		}
	}
	if !slices.Contains(ToneParties, r.ToneParties) {
		errs = append(errs, invalid("recording.tone_parties", "%q, want one of %s", r.ToneParties, strings.Join(ToneParties, ", ")))
	}
	if r.FlushInterval < MinFlushInterval || r.FlushInterval > MaxFlushInterval {
		errs = append(errs, invalid("recording.flush_interval", "%s out of range %s–%s", r.FlushInterval, MinFlushInterval, MaxFlushInterval))
	}
	return errs
}
