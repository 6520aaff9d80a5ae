package dispatch

import (
	"time"

	"github.com/reel-project/reel/msml"
)

// Controller performs recording actions on the media server's conferences
// and legs. Dialog identifiers are as received: a pause, resume or stop
// without a dialog part means the recording dialog on that object.
type Controller interface {
	// Start starts recording s.Dialog's object and returns the recording id.
	Start(s Start) (recordingID string, err error)
	// Pause writes silence until Resume (ErrPaused when paused).
	Pause(dialog msml.Target) error
	// Resume goes back to audio (ErrNotPaused when not paused).
	Resume(dialog msml.Target) error
	// Stop ends the recording; the msml.dialog.exit event follows.
	Stop(dialog msml.Target) error
}

// DefaultDialog names a <dialogstart> that has no name= (RFC 5707 lets the
// media server choose).
const DefaultDialog = "rec"

// Start is a <dialogstart> with its <record> and Genesys <param>s, or a
// VoiceXML dialog (VoiceXML set, no record).
type Start struct {
	Dialog msml.Target // conf:<id>/dialog:<name> or conn:<id>/dialog:<name>
	// VoiceXML is the application's URI of a VoiceXML dialog (Genesys
	// PlayApplication); "" for a recording.
	VoiceXML string
	Format   string        // MIME type as received, "" = audio/mp3
	Dest     string        // <record dest=>, kept in the metadata as record.dest
	MaxTime  time.Duration // 0 = no limit; the recording then ends with record.end=maxtime
	Append   bool          // kept in the metadata; every start writes a new file
	ID       string        // the id param: the recording id, "" = generate one
	// Params holds every <param> (a repeated name keeps its last value) and
	// record.dest: all of it goes into the metadata's parameters.
	Params map[string]string
	Tone   Tone
}

// Tone is what the request asks core/tone to play into the recording; the
// tone generator reads it, dispatch only parses it.
type Tone struct {
	Beep     bool          // <record beep="true">: one beep at the start
	AudioSrc string        // audiosrc param: URI of a .wav tone
	Interval time.Duration // tonesilenceduration param: silence between tones
}
