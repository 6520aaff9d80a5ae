package app

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdp"
	"github.com/reel-project/reel/core/spool"
)

// recordings is reel-mcp's recording lifecycle, in one place:
//
//   - the recording-control API (Start, Pause, Resume, Stop): every
//     controller — MSML today (msml_control.go), VoiceXML's
//     <log gvp:dest="record"> and SIPREC next — starts and steers
//     recordings through it and nothing else;
//   - the conference engine's Host (Plan, Prepare, Done): what a call
//     records by itself, the spool folder a recording is written to, and the
//     finished files handed to the spool;
//   - the recording profiles: formats, tenant, rp.* parameters, delivery
//     targets and record_from.
//
// The metadata parameters of a recording follow core/recmeta's one
// precedence rule: the controller's (MSML <param>s) over the Request-URI's
// (recmeta.Params, Start) over the profile's rp.* defaults
// (recmeta.Meta.AddProfile, Plan).
type recordings struct {
	log      *slog.Logger
	spoolDir string
	submit   func(context.Context, spool.Job) error
	// profiles are the recording profiles; formats their parsed formats
	// (empty: recording.formats, in global).
	profiles map[string]config.Profile
	formats  map[string][]recording.Format
	global   []recording.Format
	active   sync.Map // prepared key → *activeRec, until Done
}

// owner is whoever started a recording through the API: told when it ends,
// after its files are handed to the spool.
type owner interface {
	ended(res recording.Result, err error)
}

// startRequest is a controller's request to record a call.
type startRequest struct {
	Format string // MIME type as received; "" = audio/mp3
	ID     string // recording id; "" = generated
	// Params are the controller's: they win over the Request-URI's and the
	// profile's rp.* parameters.
	Params  map[string]string
	Dialog  string          // the controlling dialog's name
	Leg     *conference.Leg // one leg only (conn:<id>); nil = the conference
	MaxTime time.Duration   // 0 = no limit
	Owner   owner           // told when it ends; nil = nobody
	// PlanFormats writes the call's planned formats (the profile's), as a
	// recorder session does, instead of Format's (SIPREC).
	PlanFormats bool
	SIPREC      *recmeta.SIPREC // a SIPREC session's participants; nil = none
}

func newRecordings(log *slog.Logger, global []recording.Format, profiles map[string]config.Profile) (*recordings, error) {
	r := &recordings{log: log, global: global, profiles: profiles, formats: map[string][]recording.Format{}}
	for name, p := range profiles {
		if len(p.Formats) == 0 {
			continue
		}
		f, err := recording.ParseFormats(p.Formats)
		if err != nil {
			return nil, fmt.Errorf("profiles.%s.formats: %w", name, err)
		}
		r.formats[name] = f
	}
	return r, nil
}

// Start records conf (or one of its legs) from now on, in the format the
// request names plus the profile's analytics copy; it returns the recording
// id. The recording's folder is prepared here, before the engine is asked,
// so that nothing calls back into this package during the start; the files
// are created off the conference lock and off the caller's goroutine.
func (r *recordings) Start(conf *conference.Conference, req startRequest) (string, error) {
	plan := conf.Plan()
	formats, err := r.formatsFor(plan, req.Format)
	if err != nil {
		return "", err
	}
	if req.PlanFormats {
		formats = plan.Formats
	}
	meta := plan.Meta
	meta.Parameters = recmeta.Params(meta.Parameters, req.Params)
	meta.SIPREC = req.SIPREC
	key := req.ID
	if key == "" {
		key = conference.NewID()
	}
	if _, busy := r.active.Load(key); busy {
		return "", fmt.Errorf("%w: recording id %q is in use", conference.ErrRecording, key)
	}
	var own any
	if req.Owner != nil {
		own = req.Owner
	}
	now := time.Now()
	dir := r.Prepare(key, now, meta)
	got, err := conf.Start(now, conference.StartOptions{Formats: formats, ID: req.ID, Key: key, Dir: dir, Meta: meta,
		Dialog: req.Dialog, Leg: req.Leg, MaxTime: req.MaxTime, Owner: own})
	if err != nil || got != key {
		go r.abandon(key) // not started, or a running recording was adopted
	}
	switch {
	case err != nil:
		return "", err
	case req.ID != "":
		return req.ID, nil
	}
	return got, nil
}

// abandon removes a prepared recording that did not start.
func (r *recordings) abandon(key string) {
	r.take(key)
	if err := spool.RemoveActive(r.spoolDir, spoolID(key)); err != nil {
		r.log.Warn("remove active recording", "recording_id", key, "err", err)
	}
}

// Pause writes silence into the selected recording until Resume.
func (r *recordings) Pause(conf *conference.Conference, s conference.Selector) error {
	return conf.Pause(time.Now(), s)
}

// Resume goes back to the call's audio.
func (r *recordings) Resume(conf *conference.Conference, s conference.Selector) error {
	return conf.Resume(time.Now(), s)
}

// Stop ends the selected recording; its owner hears of it once the files
// are spooled.
func (r *recordings) Stop(conf *conference.Conference, s conference.Selector) error {
	return conf.Stop(time.Now(), s)
}

// formatsFor is what a controller's start writes: the format of the MIME
// type it names — the call's configured format of that type, or the type's
// default — and, when the profile delivers to analytics and that is not a
// WAV, the call's WAV format for them.
func (r *recordings) formatsFor(plan conference.Plan, mime string) ([]recording.Format, error) {
	f, err := recording.FormatForMIME(mime)
	if err != nil {
		return nil, fmt.Errorf("%w: record format %q (want audio/mp3, audio/wav or audio/x-wav;codec=pcm)", recording.ErrUnknownFormat, mime)
	}
	f = configured(plan.Formats, f)
	out := []recording.Format{f}
	if f.Ext != "wav" && len(r.profile(plan.Meta.Profile).Analytics) > 0 {
		wav, _ := recording.FormatForMIME("audio/wav")
		out = append(out, configured(plan.Formats, wav))
	}
	return out, nil
}

// configured is the call's format of f's type (its bitrate or law), else f.
func configured(formats []recording.Format, f recording.Format) recording.Format {
	for _, c := range formats {
		if c.Ext == f.Ext && c.MIME == f.MIME {
			return c
		}
	}
	return f
}

// Plan is conference.Host's: the profile's formats, the Request-URI's and
// the profile's metadata, and whether ;record records from the first audio.
func (r *recordings) Plan(t requri.Target) conference.Plan {
	if _, ok := r.profiles[t.Profile]; !ok && t.Profile != "" {
		r.log.Warn("unknown recording profile; using the default", "conf_id", t.ID, "profile", t.Profile)
	}
	p := r.profile(t.Profile)
	uri := maps.Clone(t.Params)
	if t.DN != "" {
		if uri == nil {
			uri = map[string]string{}
		}
		uri["recordDN"] = t.DN
	}
	meta := recmeta.Meta{Tenant: t.Tenant, Profile: t.Profile, Parameters: recmeta.Params(uri)}
	meta.AddProfile(p.Tenant, p.RP)
	formats := r.global
	if f, ok := r.formats[r.profileName(t.Profile)]; ok {
		formats = f
	}
	srtp, _ := sdp.ParseSRTP(p.SRTP) // validated with the configuration
	return conference.Plan{Formats: formats, Meta: meta, FirstAudio: p.RecordFrom == config.RecordFromFirstAudio, SRTP: srtp}
}

// Prepare is conference.Host's: the recording's folder in the spool, where
// a crash leaves files the next start repairs. Its active record (fsynced)
// is written on another goroutine, which Done waits for; the recording
// makes the folder itself when it opens its files.
func (r *recordings) Prepare(id string, start time.Time, meta recmeta.Meta) string {
	p := r.profile(meta.Profile)
	rec := &activeRec{profile: p, written: make(chan struct{})}
	r.active.Store(id, rec)
	go func() {
		defer close(rec.written)
		// One template entry: file names are not known yet, and a recording
		// cut short by a crash still needs its tenant and parameters.
		doc := recmeta.Document{ID: id, StartTime: recmeta.FormatTime(start), MediaFiles: []recmeta.MediaFile{{
			Tenant: meta.Tenant, IVRProfile: meta.Profile, ConfID: meta.ConfID, Parameters: meta.Parameters, SIPREC: meta.SIPREC}}}
		_, err := spool.WriteActive(r.spoolDir, spool.ActiveRecord{
			RecordingID: spoolID(id), Started: start, Document: doc, Targets: p.Targets(),
			Encrypt: p.Encryption != nil,
		})
		if err != nil {
			r.log.Error("active recording record", "recording_id", id, "err", err)
		}
	}()
	return spool.ActiveDir(r.spoolDir, spoolID(id))
}

// activeRec is a prepared recording: its profile, and a channel closed once
// its active record is on disk.
type activeRec struct {
	profile config.Profile
	written chan struct{}
}

// Done is conference.Host's: the files go to the spool under the key the
// recording was prepared under — its active folder's name, even when a
// dialog renamed the recording since (the document keeps the new id) — or,
// when there are none, the folder is removed; then the owner is told.
func (r *recordings) Done(f conference.Finished) {
	p := r.take(f.Key)
	r.spool(f.Key, p, f.Result, f.Err)
	if o, ok := f.Owner.(owner); ok {
		o.ended(f.Result, f.Err)
	}
}

func (r *recordings) spool(key string, p config.Profile, res recording.Result, err error) {
	if len(res.Files) == 0 {
		if err != nil {
			r.log.Error("recording wrote no files", "recording_id", key, "err", err)
		}
		if rerr := spool.RemoveActive(r.spoolDir, spoolID(key)); rerr != nil {
			r.log.Warn("remove active recording", "recording_id", key, "err", rerr)
		}
		return
	}
	job, jerr := spool.JobFromFiles(res.ID, fileRefs(res))
	if jerr != nil {
		r.log.Error("recording not spooled", "recording_id", res.ID, "err", jerr)
		return
	}
	job.ID, job.Targets, job.Encrypt = spoolID(key), p.Targets(), p.Encryption != nil
	if serr := r.submit(context.Background(), job); serr != nil {
		r.log.Error("recording not spooled", "recording_id", res.ID, "err", serr)
	}
}

// fileRefs lists a stopped recording's files for the spool.
func fileRefs(res recording.Result) []spool.FileRef {
	out := make([]spool.FileRef, 0, len(res.Files))
	for _, f := range res.Files {
		out = append(out, spool.FileRef{Name: f.MediaID, Path: f.Path, ContentType: f.Format.MIME})
	}
	return out
}

// take is the profile Prepare chose for a recording, once its active
// record is written.
func (r *recordings) take(key string) config.Profile {
	if v, ok := r.active.LoadAndDelete(key); ok {
		rec := v.(*activeRec)
		<-rec.written
		return rec.profile
	}
	return r.profile("")
}

// profile is a recording profile; an unknown name gets the default (Plan
// warns about it once per call).
func (r *recordings) profile(name string) config.Profile {
	return r.profiles[r.profileName(name)]
}

// profileName is name when it is a profile, else the default's.
func (r *recordings) profileName(name string) string {
	if _, ok := r.profiles[name]; ok {
		return name
	}
	return config.DefaultProfile
}

// spoolID is the recording id as the spool and the destinations key it: a
// safe file name. An id that is not one (MSML ids are the application's)
// gets its hash appended, so two ids never share a job; the metadata
// document keeps the original.
func spoolID(id string) string {
	sid := recmeta.SafeName(id)
	if sid == id {
		return id
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return fmt.Sprintf("%s-%08x", recmeta.SafeName(id[:min(len(id), 40)]), h.Sum32())
}
