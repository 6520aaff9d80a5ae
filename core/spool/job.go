package spool

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

// recordVersion is the version of the job and active-record formats.
const recordVersion = 1

// Job is one recording on its way out, and the JSON record kept for it in
// <spool>/jobs/<id>.json. Submit reads ID, Files (Name, Path, ContentType),
// Document and Targets; the spool fills in the rest.
type Job struct {
	Version int    `json:"version"`
	ID      string `json:"id"` // the recording id; names the record and the files folder
	// Files are the recording's files. Size and SHA256 are computed by Submit.
	Files []FileRef `json:"files"`
	// Document is the metadata document (docs/wire.md §5); before the Metadata
	// step the spool fills each mediaFiles[].mediaDescriptor.storage with
	// the locations the Store destinations returned.
	Document json.RawMessage `json:"document,omitempty"`
	// Targets names the destinations of this job (the recording profile's);
	// empty means every configured destination.
	Targets []string `json:"-"`

	State State       `json:"state"`
	Dests []DestState `json:"destinations"`
	// Attempts counts the attempts since FirstSeen or the last Retry that
	// ran to their end: failed, dead-lettering or completing the job. One
	// cut short by Run's context (a shutdown) does not count.
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"nextAttempt"`
	FirstSeen   time.Time `json:"firstSeen"`
	// HorizonStart is when the retry horizon started counting: FirstSeen,
	// or the last Retry.
	HorizonStart time.Time `json:"horizonStart"`
	Updated      time.Time `json:"updated"`
	LastError    string    `json:"lastError,omitempty"`
	Reason       string    `json:"reason,omitempty"`    // why the job is dead
	Recovered    bool      `json:"recovered,omitempty"` // built by the recovery scan from an active recording
	// Encrypt: the recording's profile encrypts, so its files may leave
	// the node only as envelopes (Export refuses plaintext of such a job).
	Encrypt bool `json:"encrypt,omitempty"`
	// Sealed: Options.Seal has run (files encrypted, manifest added).
	Sealed bool     `json:"sealed,omitempty"`
	Notes  []string `json:"notes,omitempty"` // what recovery found
}

// FileRef is one file of a job. Its key at a destination is the job's
// recording id plus Name.
type FileRef struct {
	Name        string `json:"name"` // file name, e.g. the mediaId
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // lowercase hex
	// Path is where the file is now: for Submit, where to take it from; for
	// a Destination, the spooled copy (<spool>/files/<id>/<name>).
	Path string `json:"-"`
	// Origin is where Submit found the file, so an interrupted move can be
	// finished.
	Origin string `json:"origin,omitempty"`
	// Plain, set by a Seal that encrypted the file for a profile trusting
	// its analytics sinks, is the plaintext kept for Analytics destinations.
	Plain *PlainCopy `json:"plain,omitempty"`
}

// PlainCopy is a file's plaintext beside its envelope: <dir>/PlainName(name).
type PlainCopy struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Path   string `json:"-"`
}

// PlainName is the name of a file's plaintext copy in the job's folder.
func PlainName(name string) string { return "." + name + ".plain" }

// Open opens the spooled file for reading.
func (f *FileRef) Open() (*os.File, error) { return os.Open(f.Path) }

// DestState is the delivery state of one destination of a job.
type DestState struct {
	Name      string `json:"name"`
	Step      Step   `json:"step"`
	State     State  `json:"state"`
	Items     []Item `json:"items"`    // one per file; one with no file for Metadata
	Attempts  int    `json:"attempts"` // attempts that delivered to it since Submit, counted like Job.Attempts
	LastError string `json:"lastError,omitempty"`
	Reason    string `json:"reason,omitempty"` // the permanent error
}

// Item is one delivery: a file to a Store or Analytics destination, or the
// document to a Metadata one (File empty).
type Item struct {
	File     string    `json:"file,omitempty"`
	State    State     `json:"state"`
	Location string    `json:"location,omitempty"`
	Tries    int       `json:"tries,omitempty"` // Deliver calls started
	At       time.Time `json:"at,omitzero"`     // when it was acknowledged
}

// JobView is what a Destination sees of a job. It is a copy: Files and
// Document belong to the call.
type JobView struct {
	RecordingID string
	Files       []FileRef
	Document    json.RawMessage
	Attempt     int // 1 on the first attempt
}

// view returns the job as destinations see it.
func (j *Job) view() JobView {
	return JobView{RecordingID: j.ID, Files: append([]FileRef(nil), j.Files...), Document: j.Document, Attempt: j.Attempts + 1}
}

func (j *Job) file(name string) *FileRef {
	for i := range j.Files {
		if j.Files[i].Name == name {
			return &j.Files[i]
		}
	}
	return nil
}

// checkName refuses what is not a safe single path element.
// It is recmeta.SafeName's alphabet and rules, but up to the file-system
// limit of 255 bytes: recording file names (docs/wire.md §4) are longer than
// SafeName's 64.
func checkName(what, s string) error {
	if s == "" || len(s) > maxName || s != safeLong(s) {
		return fmt.Errorf("%w: %s %q", ErrBadName, what, s)
	}
	return nil
}

// maxName is the longest file name most file systems take.
const maxName = 255

// safeLong applies recmeta.SafeName to s in pieces short enough that
// SafeName does not shorten them; the pieces keep their place, so s is
// safe when the result equals s.
func safeLong(s string) string {
	const piece = 60
	out := ""
	for i := 0; i < len(s); i += piece {
		p := s[i:min(i+piece, len(s))]
		q := recmeta.SafeName(p)
		if i > 0 && (p[0] == '-' || p[0] == '.' && s[i-1] != '.') {
			q = p[:1] + q[1:] // SafeName's start-of-name rules do not apply mid-name
		}
		out += q
	}
	return out
}

// checkInput validates what Submit reads.
func (j *Job) checkInput() error {
	if err := checkName("recording id", j.ID); err != nil {
		return err
	}
	if len(j.Document) > 0 && !json.Valid(j.Document) {
		return fmt.Errorf("%w: %s: document is not JSON", ErrBadJob, j.ID)
	}
	seen := map[string]bool{}
	for _, f := range j.Files {
		if err := checkName("file name", f.Name); err != nil {
			return err
		}
		if seen[f.Name] {
			return fmt.Errorf("%w: %s: file %q twice", ErrBadJob, j.ID, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}
