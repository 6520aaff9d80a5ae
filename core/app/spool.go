package app

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/spool"
)

// rwsTime is the timestamp form of the metadata document.
const rwsTime = "2006-01-02T15:04:05.000-0700"

// spoolDrain is how long shutdown waits for deliveries under way.
const spoolDrain = 10 * time.Second

// openSpool opens <data_dir>/spool for the plugins' destinations; its
// recovery scan repairs and submits recordings a crash cut short.
func (m *MCP) openSpool() error {
	c := m.cfg.Spool
	s, err := spool.Open(m.cfg.SpoolDir(), m.plugins.Destinations(), spool.Options{Log: m.log,
		Workers: c.Workers, AttemptTimeout: c.AttemptTimeout, Horizon: c.Horizon, KeepLocal: c.KeepLocal,
		BackoffBase: c.BackoffBase, BackoffMax: c.BackoffMax, Seal: m.sealOption(), Notify: m.spoolEvent})
	if err != nil {
		return err
	}
	m.spool = s
	return nil
}

// prepareRecording returns a recording's folder in the spool: the recorder
// writes there, so a crash leaves files the next start repairs. It runs on
// the conference clock, so only the folder is made here; the active record
// (fsynced) is written on another goroutine, which recordingDone waits for.
func (m *MCP) prepareRecording(id string, start time.Time, meta recording.Meta) (string, error) {
	p := m.profile(id, meta.Profile)
	dir := spool.ActiveDir(m.spool.Dir(), spoolID(id))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	rec := &activeRec{profile: p, written: make(chan struct{})}
	m.recProfiles.Store(id, rec)
	go func() {
		defer close(rec.written)
		// One template entry: file names are not known yet, and a recording
		// cut short by a crash still needs its tenant and parameters.
		doc := recording.Document{ID: id, StartTime: start.UTC().Format(rwsTime), MediaFiles: []recording.MediaFile{{
			Tenant: meta.Tenant, IVRProfile: meta.Profile, Parameters: meta.Parameters}}}
		_, err := spool.WriteActive(m.spool.Dir(), spool.ActiveRecord{
			RecordingID: spoolID(id), Started: start, Document: doc, Targets: p.Targets(),
		})
		if err != nil {
			m.log.Error("active recording record", "recording_id", id, "err", err)
		}
	}()
	return dir, nil
}

// activeRec is a recording being written: its profile, and a channel
// closed once its active record is on disk.
type activeRec struct {
	profile config.Profile
	written chan struct{}
}

// abandonRecording removes the folder of a recording whose start failed.
func (m *MCP) abandonRecording(id string) {
	m.profileOf(id)
	if err := spool.RemoveActive(m.spool.Dir(), spoolID(id)); err != nil {
		m.log.Warn("remove active recording", "recording_id", id, "err", err)
	}
}

// recordingDone submits a finished recording to the spool.
func (m *MCP) recordingDone(res recording.Result, err error) {
	if len(res.Files) == 0 {
		m.abandonRecording(res.ID)
		return
	}
	job, jerr := spool.JobFromResult(res)
	if jerr != nil {
		m.log.Error("recording not spooled", "recording_id", res.ID, "err", jerr)
		return
	}
	p := m.profileOf(res.ID)
	job.ID, job.Targets, job.Document = spoolID(res.ID), p.Targets(), withProfile(job.Document, p)
	if serr := m.spool.Submit(context.Background(), job); serr != nil {
		m.log.Error("recording not spooled", "recording_id", res.ID, "err", serr)
	}
}

// spoolID is the recording id as the spool and the destinations key it: a
// safe file name. An id that is not one (MSML ids are the application's)
// gets its hash appended, so two ids never share a job; the metadata
// document keeps the original.
func spoolID(id string) string {
	sid := requri.SafeName(id)
	if sid == id {
		return id
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return fmt.Sprintf("%s-%08x", requri.SafeName(id[:min(len(id), 40)]), h.Sum32())
}

// profile is a recording's profile; an unknown name falls back to the
// default with a warning.
func (m *MCP) profile(id, name string) config.Profile {
	p, ok := m.profiles[name]
	if !ok {
		if name != "" {
			m.log.Warn("unknown recording profile; using the default", "recording_id", id, "profile", name)
		}
		p = m.profiles[config.DefaultProfile]
	}
	return p
}

// parseProfileFormats parses each profile's formats once.
func (m *MCP) parseProfileFormats() error {
	m.profileFormats = map[string][]recording.Format{}
	for name, p := range m.profiles {
		if len(p.Formats) == 0 {
			continue
		}
		f, err := recording.ParseFormats(p.Formats)
		if err != nil {
			return fmt.Errorf("profiles.%s.formats: %w", name, err)
		}
		m.profileFormats[name] = f
	}
	return nil
}

// formatsFor is the formats of a profile (nil: recording.formats). An
// unknown name gets the default profile's.
func (m *MCP) formatsFor(profile string) []recording.Format {
	if _, ok := m.profiles[profile]; !ok {
		profile = config.DefaultProfile
	}
	return m.profileFormats[profile]
}

// profileMeta is the tenant and rp parameters of a profile (the default
// one for an unknown name), for the recording's sidecars.
func (m *MCP) profileMeta(profile string) (string, map[string]string) {
	p, ok := m.profiles[profile]
	if !ok {
		p = m.profiles[config.DefaultProfile]
	}
	return p.Tenant, p.RP
}

// profileOf is the profile prepareRecording chose for a recording, once
// its active record is written.
func (m *MCP) profileOf(id string) config.Profile {
	if v, ok := m.recProfiles.LoadAndDelete(id); ok {
		rec := v.(*activeRec)
		<-rec.written
		return rec.profile
	}
	return m.profile(id, "")
}

// runSpool delivers until stop is called; stop waits up to spoolDrain for
// the jobs waiting or under way, then cuts the rest short (they stay on disk).
func (m *MCP) runSpool() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go m.watchCertificates(ctx)
	go func() {
		defer close(done)
		if err := m.spool.Run(ctx); err != nil {
			m.log.Error("spool", "err", err)
		}
	}()
	return func() {
		deadline := time.Now().Add(spoolDrain)
		for time.Now().Before(deadline) && m.spoolBusy() {
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		<-done
	}
}

// spoolBusy reports jobs due soon or under way.
func (m *MCP) spoolBusy() bool {
	st := m.spool.Stats()
	return st.InProgress > 0 || st.Pending > 0 && m.dueSoon()
}

// dueSoon reports whether some pending job is due within the drain time.
func (m *MCP) dueSoon() bool {
	jobs, err := m.spool.List(spool.Filter{State: spool.Pending})
	if err != nil {
		return false
	}
	for _, j := range jobs {
		if time.Until(j.NextAttempt) < spoolDrain {
			return true
		}
	}
	return false
}

// retryHandler serves POST /spool/retry/<id>: a dead letter goes back to
// delivery.
func (m *MCP) retryHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, PathSpoolRetry)
		if err := m.spool.Retry(id); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
