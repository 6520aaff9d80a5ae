package spool

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

// activeRecordName is the file WriteActive keeps in an active folder.
const activeRecordName = "active.json"

// ActiveRecord is what a recorder writes when a recording starts, in
// <spool>/active/<id>/active.json, before it creates its files in the same
// folder. After a crash, Open repairs those files and delivers them with
// this record's document, marked cut short.
type ActiveRecord struct {
	Version     int       `json:"version"`
	RecordingID string    `json:"recordingId"`
	Started     time.Time `json:"started"`
	// Files are the files being written, by name (the mediaId) and MIME
	// type. Files of the folder not listed here are recovered too when
	// their extension is .mp3 or .wav.
	Files []ActiveFile `json:"files"`
	// Document is the metadata document as known at the start: ids,
	// parties, parameters, one mediaFiles entry per file — or one entry
	// with an empty mediaId, the template (tenant, profile, parameters) of
	// every file it does not name. Recovery fills in
	// sizes, durations, stop times and the completeness verdict.
	Document recmeta.Document `json:"document"`
	// Targets are the destinations of the recording's profile (Job.Targets).
	Targets []string `json:"targets,omitempty"`
	// Encrypt: the recording's profile encrypts (Job.Encrypt).
	Encrypt bool `json:"encrypt,omitempty"`
}

// ActiveFile is one file of an active recording.
type ActiveFile struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
}

// ActiveDir returns the folder of an active recording:
// <spoolDir>/active/<id>.
func ActiveDir(spoolDir, id string) string { return layout{spoolDir}.activeOf(id) }

// WriteActive creates the active folder of a recording and writes its
// record there (atomically, fsynced), and returns the folder: the recorder
// writes its files into it (recording.Options.Dir). Calling it again
// replaces the record. Submit empties the folder when the recording stops.
func WriteActive(spoolDir string, a ActiveRecord) (string, error) {
	if err := checkName("recording id", a.RecordingID); err != nil {
		return "", err
	}
	for _, f := range a.Files {
		if err := checkName("file name", f.Name); err != nil {
			return "", err
		}
	}
	l := layout{spoolDir}
	dir := l.activeOf(a.RecordingID)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("spool: %w", err)
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return "", err
	}
	a.Version = recordVersion
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return "", fmt.Errorf("spool: encode active record %s: %w", a.RecordingID, err)
	}
	return dir, writeAtomic(l.activeRecord(a.RecordingID), append(b, '\n'))
}

// RemoveActive removes the active folder of a recording that produced no
// file (its start failed). It refuses, with ErrActiveNotEmpty, when the
// folder holds anything besides the record: recordings are never deleted,
// they are submitted.
func RemoveActive(spoolDir, id string) error {
	if err := checkName("recording id", id); err != nil {
		return err
	}
	l := layout{spoolDir}
	ents, err := os.ReadDir(l.activeOf(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	for _, e := range ents {
		if e.Name() != activeRecordName {
			return fmt.Errorf("%w: %s holds %s", ErrActiveNotEmpty, l.activeOf(id), e.Name())
		}
	}
	if err := os.RemoveAll(l.activeOf(id)); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return syncDir(l.dir(dirActive))
}

// readActive loads an active record.
func readActive(path string) (ActiveRecord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return ActiveRecord{}, err
	}
	var a ActiveRecord
	if err := json.Unmarshal(b, &a); err != nil {
		return ActiveRecord{}, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	return a, nil
}

// finishActive moves whatever is left in a recording's active folder (its
// sidecars, its record) into the job's files folder and removes the active
// folder. The caller holds the id lock and the job record exists.
func (s *Spool) finishActive(id string) error {
	dir := s.l.activeOf(id)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	for _, e := range ents {
		to := freeName(s.l.filesOf(id), e.Name())
		if err := moveFile(filepath.Join(dir, e.Name()), to); err != nil {
			return err
		}
	}
	if err := os.Remove(dir); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return syncDir(s.l.dir(dirActive))
}
