package dispatch

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/reel-project/reel/msml"
)

// fake is a media server with conferences c1 and c2; c1 has the legs
// conn:tag-a and conn:tag-b, c2 has conn:tag-x. It follows the same rules as
// core/app's controller: one recording per conference, named by its dialog.
// Every call is logged for the golden files.
type fake struct {
	log    []string
	confs  map[string]bool
	conns  map[string]string // connection id → conf id
	active map[string]*fakeRec
	ids    int
	fail   error // returned by Start when set
}

type fakeRec struct {
	dialog msml.Target // as started
	id     string
	paused bool
}

var _ Controller = (*fake)(nil)

func newFake() *fake {
	return &fake{confs: map[string]bool{"c1": true, "c2": true},
		conns:  map[string]string{"tag-a": "c1", "tag-b": "c1", "tag-x": "c2"},
		active: map[string]*fakeRec{}}
}

// conf resolves an object to its conference id.
func (f *fake) conf(t msml.Target) (string, error) {
	if t.Kind == msml.Conn {
		if c, ok := f.conns[t.ID]; ok {
			return c, nil
		}
		return "", fmt.Errorf("%w: conn:%s: no such connection", ErrUnknownTarget, t.ID)
	}
	if !f.confs[t.ID] {
		return "", fmt.Errorf("%w: conf:%s: no such conference", ErrUnknownTarget, t.ID)
	}
	return t.ID, nil
}

var fakeFormats = []string{"", "audio/mp3", "audio/mpeg", "audio/wav", "audio/x-wav", "audio/x-wav;codec=pcm"}

func (f *fake) Start(s Start) (string, error) {
	id, err := f.start(s)
	f.logf("start %s format=%q dest=%q maxtime=%v append=%v beep=%v audiosrc=%q interval=%v id=%q params=%s -> %s",
		s.Dialog, s.Format, s.Dest, s.MaxTime, s.Append, s.Tone.Beep, s.Tone.AudioSrc, s.Tone.Interval, s.ID, params(s.Params), outcome(id, err))
	return id, err
}

func (f *fake) start(s Start) (string, error) {
	c, err := f.conf(s.Dialog)
	if err != nil {
		return "", err
	}
	if !slices.Contains(fakeFormats, strings.ToLower(s.Format)) {
		return "", fmt.Errorf("%w: record format %q", ErrUnsupported, s.Format)
	}
	if r := f.active[c]; r != nil {
		return "", fmt.Errorf("%w: conf:%s records as %s", ErrRecording, c, r.dialog)
	}
	if f.fail != nil {
		return "", f.fail
	}
	id := s.ID
	if id == "" {
		f.ids++
		id = fmt.Sprintf("gen-%d", f.ids)
	}
	f.active[c] = &fakeRec{dialog: s.Dialog, id: id}
	return id, nil
}

// find returns the conference and recording a pause/resume/stop names.
func (f *fake) find(t msml.Target) (string, *fakeRec, error) {
	c, err := f.conf(t)
	if err != nil {
		return "", nil, err
	}
	r := f.active[c]
	switch {
	case r == nil:
		return "", nil, fmt.Errorf("%w: %s", ErrNotRecording, t)
	case t.Dialog != "" && (t.Dialog != r.dialog.Dialog || t.Object() != r.dialog.Object()):
		return "", nil, fmt.Errorf("%w: %s (the recording dialog is %s)", ErrUnknownDialog, t, r.dialog)
	}
	return c, r, nil
}

func (f *fake) Pause(t msml.Target) error {
	_, r, err := f.find(t)
	if err == nil && r.paused {
		err = fmt.Errorf("%w: %s", ErrPaused, t)
	} else if err == nil {
		r.paused = true
	}
	f.logf("pause %s -> %s", t, outcome("", err))
	return err
}

func (f *fake) Resume(t msml.Target) error {
	_, r, err := f.find(t)
	if err == nil && !r.paused {
		err = fmt.Errorf("%w: %s", ErrNotPaused, t)
	} else if err == nil {
		r.paused = false
	}
	f.logf("resume %s -> %s", t, outcome("", err))
	return err
}

func (f *fake) Stop(t msml.Target) error {
	c, _, err := f.find(t)
	if err == nil {
		delete(f.active, c)
	}
	f.logf("stop %s -> %s", t, outcome("", err))
	return err
}

func (f *fake) logf(format string, args ...any) { f.log = append(f.log, fmt.Sprintf(format, args...)) }

func outcome(id string, err error) string {
	switch {
	case err != nil:
		return "error: " + err.Error()
	case id != "":
		return "ok " + id
	}
	return "ok"
}

func params(p map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(p)) {
		fmt.Fprintf(&b, "[%s=%q]", k, p[k])
	}
	return b.String()
}
