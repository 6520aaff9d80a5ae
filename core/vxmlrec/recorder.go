package vxmlrec

import (
	"errors"
	"fmt"
	"math"
	"mime"
	"strings"
	"time"

	"github.com/reel-project/reel/core/prompt"
)

// ErrType is returned by New for a record type this package cannot write;
// the interpreter raises error.unsupported.format.
var ErrType = errors.New("vxmlrec: unsupported record type")

// DefaultSpeechLevel is the frame RMS, in dBFS, above which a frame counts
// as speech.
const DefaultSpeechLevel = -40.0

// Options are a <record> item's attributes.
type Options struct {
	Beep         bool
	MaxTime      time.Duration // 0: no limit but the interpreter's default
	FinalSilence time.Duration // 0: silence never ends the recording
	DTMFTerm     bool
	Type         string  // MIME type: audio/x-wav, audio/wav (codec=pcm|pcmu|pcma), audio/mpeg
	SpeechLevel  float64 // dBFS; 0 means DefaultSpeechLevel
}

// End says why a recording ended.
type End int

// Why a recording ends.
const (
	Running    End = iota // not ended
	EndMaxTime            // maxtime reached
	EndSilence            // finalsilence after speech
	EndNoInput            // finalsilence without any speech
	EndKey                // a key, dtmfterm true
	EndCaller             // Finish before any of those (hang-up, barge-out)
)

// Recorder collects one <record> item's audio.
type Recorder struct {
	opt       Options
	enc       encoder
	pcm       []int16
	threshold float64 // squared RMS per sample
	spoke     bool
	lastVoice int // samples up to the end of the last speech frame
	end       End
	termChar  byte
}

// New returns a Recorder for opt, or ErrType for a type it cannot write.
func New(opt Options) (*Recorder, error) {
	enc, err := encoderFor(opt.Type)
	if err != nil {
		return nil, err
	}
	level := opt.SpeechLevel
	if level == 0 {
		level = DefaultSpeechLevel
	}
	amp := 32768 * math.Pow(10, level/20)
	return &Recorder{opt: opt, enc: enc, threshold: amp * amp}, nil
}

// encoderFor picks the encoder for a MIME type.
func encoderFor(typ string) (encoder, error) {
	mt, params, err := mime.ParseMediaType(typ)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", ErrType, typ)
	}
	switch mt {
	case "audio/x-wav", "audio/wav", "audio/wave", "audio/vnd.wave":
		return wavEncoderFor(strings.ToLower(params["codec"]))
	case "audio/mpeg", "audio/mp3":
		return mp3Encoder{}, nil
	}
	return nil, fmt.Errorf("%w: %q (want audio/x-wav or audio/mpeg)", ErrType, typ)
}

// Write adds one frame of the caller's audio and reports whether the
// recording has ended (then the frame may be only partly kept).
func (r *Recorder) Write(frame []int16) bool {
	if r.end != Running {
		return true
	}
	if limit := prompt.DurationToSamples(r.opt.MaxTime); r.opt.MaxTime > 0 && len(r.pcm)+len(frame) >= limit {
		r.pcm = append(r.pcm, frame[:limit-len(r.pcm)]...)
		r.end = EndMaxTime
		return true
	}
	r.pcm = append(r.pcm, frame...)
	if r.speech(frame) {
		r.spoke, r.lastVoice = true, len(r.pcm)
		return false
	}
	if r.opt.FinalSilence > 0 && len(r.pcm)-r.lastVoice >= prompt.DurationToSamples(r.opt.FinalSilence) {
		r.end = EndSilence
		if !r.spoke {
			r.end = EndNoInput
		}
		return true
	}
	return false
}

// speech reports whether frame's RMS is above the speech level.
func (r *Recorder) speech(frame []int16) bool {
	if len(frame) == 0 {
		return false
	}
	sum := 0.0
	for _, v := range frame {
		sum += float64(v) * float64(v)
	}
	return sum/float64(len(frame)) > r.threshold
}

// Key handles a key press during the recording and reports whether it
// ended it (dtmfterm true).
func (r *Recorder) Key(k byte) bool {
	if r.end != Running {
		return true
	}
	if !r.opt.DTMFTerm {
		return false
	}
	r.end, r.termChar = EndKey, k
	return true
}

// Result is a finished recording: the file and the shadow variables.
type Result struct {
	Audio    []byte        // the file; nil when nothing was said
	Type     string        // its MIME type
	Duration time.Duration // of the audio in the file
	TermChar byte          // the key that ended it, 0 if none
	MaxTime  bool          // ended by maxtime
	End      End
}

// Size is the file's size in bytes (the size shadow variable).
func (res Result) Size() int { return len(res.Audio) }

// Finish ends the recording (if nothing else did) and encodes it. Trailing
// silence after the last speech is cut when silence or a key ended it; a
// recording without speech has no audio.
func (r *Recorder) Finish() (Result, error) {
	if r.end == Running {
		r.end = EndCaller
	}
	res := Result{Type: r.enc.mimeType(), TermChar: r.termChar, MaxTime: r.end == EndMaxTime, End: r.end}
	if !r.spoke {
		return res, nil
	}
	pcm := r.pcm
	if r.end == EndSilence {
		pcm = pcm[:r.lastVoice]
	}
	b, err := r.enc.encode(pcm)
	if err != nil {
		return Result{}, err
	}
	res.Audio, res.Duration = b, prompt.SamplesToDuration(len(pcm))
	return res, nil
}
