package conference

import (
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdp"
)

// Host is the daemon's side of every recording the engine writes: what a
// call records on its own, where the files go and what becomes of them.
// core/app implements it next to the recording-control API that starts,
// pauses, resumes and stops recordings (core/app/recordings.go); the engine
// calls nothing else outside itself about recordings.
//
// Plan and Prepare run under the conference lock — on the clock or on a
// control request — and must not touch the file system or block: the
// recording makes its folder and files itself, off the lock and the clock
// (recording.Start).
type Host interface {
	// Plan is asked once per call, when its first leg joins: the formats
	// and metadata of the recordings the engine starts by itself, and
	// whether it does so for a conference (see Plan.FirstAudio).
	Plan(t requri.Target) Plan
	// Prepare names the folder of a recording about to start under id.
	Prepare(id string, start time.Time, meta recmeta.Meta) (dir string)
	// Done is told, on its own goroutine, once each recording's files and
	// sidecars are complete — or that none were written (the files could
	// not be created: no files and an error).
	Done(Finished)
}

// Plan is what a call records when nobody asks: recorder sessions
// (record=) always, from their first audio; conferences only when
// FirstAudio is set.
type Plan struct {
	Formats []recording.Format
	Meta    recmeta.Meta // the Request-URI's and the profile's
	// FirstAudio records a conference whose legs carry ;record from their
	// first audio, as a recorder session is. Off (the default), ;record only
	// marks the legs whose parties a dialogstart records.
	FirstAudio bool
	// SRTP is the profile's policy for the call's legs (core/sdp): the zero
	// value is off.
	SRTP sdp.SRTP
}

// Finished is a recording whose files are complete.
type Finished struct {
	Key    string // the id the recording was prepared under (Host.Prepare)
	Owner  any    // StartOptions.Owner of the control that ended it; nil: none
	Result recording.Result
	Err    error
}

// dirHost is the Host of an engine configured without one: every
// recording goes to Config.RecordDir in Config.Formats, and nothing is
// done with it afterwards.
type dirHost struct {
	dir     string
	formats []recording.Format
}

func (h dirHost) Plan(t requri.Target) Plan {
	return Plan{Formats: h.formats, Meta: recmeta.Meta{Tenant: t.Tenant, Profile: t.Profile, Parameters: t.Params}}
}

func (h dirHost) Prepare(string, time.Time, recmeta.Meta) string { return h.dir }

func (dirHost) Done(Finished) {}
