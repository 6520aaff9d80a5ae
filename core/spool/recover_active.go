package spool

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/recmeta"
)

// recoverActive submits every recording a crash left in <spool>/active.
// A folder it cannot handle is logged and left where it is.
func (s *Spool) recoverActive() error {
	ents, err := os.ReadDir(s.l.dir(dirActive))
	if err != nil {
		return err
	}
	for n, e := range ents {
		id := e.Name()
		s.progress("recover", id, n+1, len(ents))
		if !e.IsDir() || checkName("recording id", id) != nil {
			s.opts.Log.Warn("spool: unexpected entry in active folder left alone", "name", id)
			continue
		}
		if err := s.recoverRecording(id); err != nil {
			s.opts.Log.Error("spool: cannot recover active recording", "recording_id", id, "err", err)
		}
	}
	return nil
}

// recoverRecording turns one active folder into a job. If the recording's
// Submit got as far as writing the record, only the folder is emptied.
// If every file has the metadata sidecar recording.Stop writes last, the
// recording had stopped cleanly and its sidecars are the document.
// Otherwise the files are repaired and the document says cut short.
func (s *Spool) recoverRecording(id string) error {
	unlock := s.ids.lock(id)
	defer unlock()
	if _, err := s.findRecord(id); err == nil {
		return s.finishActive(id)
	}
	rec, recErr := readActive(s.l.activeRecord(id))
	j := Job{ID: id, Targets: rec.Targets, Encrypt: rec.Encrypt, Recovered: true}
	if recErr != nil {
		j.Notes = append(j.Notes, "active record unreadable: "+recErr.Error())
	}
	s.salvage(&j, rec)
	if len(j.Files) == 0 {
		return s.createDead(&j, ErrNothingRecovered.Error())
	}
	if err := hashFiles(context.Background(), j.Files); err != nil {
		return err
	}
	if err := s.create(&j); err != nil {
		return err
	}
	s.bump(func(c *counters) { c.recovered++ })
	s.opts.Log.Info("spool: recovered active recording", "recording_id", id, "files", len(j.Files), "notes", j.Notes)
	return nil
}

// salvage fills in the job's files and document from the active folder.
func (s *Spool) salvage(j *Job, rec ActiveRecord) {
	dir := s.l.activeOf(j.ID)
	names := mediaNames(dir, rec)
	if doc, err := mergeSidecars(sidecarsOf(dir, names)); err == nil && len(names) > 0 {
		for _, n := range names {
			j.Files = append(j.Files, FileRef{Name: n, Path: filepath.Join(dir, n), ContentType: contentType(rec, n)})
		}
		j.Document = doc
		return
	}
	var got []salvaged
	for _, n := range names {
		g, err := repairMedia(filepath.Join(dir, n))
		if err != nil {
			j.Notes = append(j.Notes, fmt.Sprintf("%s: not recoverable, kept locally: %v", n, err))
			continue
		}
		g.name, g.contentType = n, contentType(rec, n)
		got = append(got, g)
		j.Files = append(j.Files, FileRef{Name: n, Path: filepath.Join(dir, n), ContentType: g.contentType})
	}
	counters, note := progressOf(dir)
	if note != "" {
		j.Notes = append(j.Notes, note)
	}
	j.Document = cutShortDocument(rec, j.ID, got, counters, s.now())
}

// progressOf reads the completeness counters a recording persisted while it
// ran (recmeta.ProgressExt); zero counters, and a note, when there are
// none.
func progressOf(dir string) (recmeta.Completeness, string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*"+recmeta.ProgressExt))
	for _, p := range paths {
		if c, err := recmeta.ReadProgress(p); err == nil {
			return c, ""
		}
	}
	return recmeta.Completeness{}, "no completeness counters were saved: they read 0"
}

// mediaNames lists the files to recover: those the record names that exist,
// then any other .mp3 or .wav in the folder.
func mediaNames(dir string, rec ActiveRecord) []string {
	var names []string
	for _, f := range rec.Files {
		if exists(filepath.Join(dir, f.Name)) && !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		n := e.Name()
		ext := strings.ToLower(filepath.Ext(n))
		if e.Type().IsRegular() && (ext == ".mp3" || ext == ".wav") && !slices.Contains(names, n) && checkName("file name", n) == nil {
			names = append(names, n)
		}
	}
	return names
}

func sidecarsOf(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n+recordExt)
	}
	return out
}

func contentType(rec ActiveRecord, name string) string {
	for _, f := range rec.Files {
		if f.Name == name && f.ContentType != "" {
			return f.ContentType
		}
	}
	if strings.EqualFold(filepath.Ext(name), ".mp3") {
		return "audio/mp3"
	}
	return "audio/wav"
}

// repairMedia repairs one file and says how long its audio is. For MP3 the
// encoder delay decoders play as leading silence is not counted.
func repairMedia(path string) (salvaged, error) {
	var g salvaged
	switch strings.ToLower(filepath.Ext(path)) {
	case ".wav":
		r, err := wav.Repair(path)
		if err != nil {
			return g, err
		}
		g.dur = r.Duration()
	case ".mp3":
		r, err := mp3.Repair(path)
		if err != nil {
			return g, err
		}
		delay := time.Duration(mp3.EncoderDelay) * time.Second / time.Duration(r.First.SampleRate)
		g.dur = max(0, r.Duration()-delay)
	}
	st, err := os.Stat(path)
	if err != nil {
		return g, err
	}
	g.size = st.Size()
	return g, nil
}

// createDead records a recovered job that has nothing to deliver straight
// in the dead-letter folder, with its remains in its files folder.
func (s *Spool) createDead(j *Job, reason string) error {
	now := s.now()
	j.Dests, _ = s.plan(j)
	j.State, j.Reason = Dead, reason
	j.FirstSeen, j.HorizonStart, j.NextAttempt, j.Updated = now, now, now, now
	if err := os.MkdirAll(s.l.filesOf(j.ID), 0o750); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	if err := writeRecord(s.l.record(dirDead, j.ID), j); err != nil {
		return err
	}
	s.bump(func(c *counters) { c.dead++; c.deadLetter++ })
	s.opts.Log.Warn("spool: active recording held no recoverable audio", "recording_id", j.ID, "notes", j.Notes)
	return s.finishActive(j.ID)
}
