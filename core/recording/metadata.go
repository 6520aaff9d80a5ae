package recording

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Document is the metadata document of docs/wire.md §5 (the RWS recording
// resource): numbers are strings and durations are in milliseconds, as in the
// RWS sample, except inside the completeness report.
type Document struct {
	ID                string      `json:"id"`
	CallerPhoneNumber string      `json:"callerPhoneNumber,omitempty"`
	DialedPhoneNumber string      `json:"dialedPhoneNumber,omitempty"`
	StartTime         string      `json:"startTime"`
	StopTime          string      `json:"stopTime"`
	MediaFiles        []MediaFile `json:"mediaFiles"`
	EventHistory      []EventJSON `json:"eventHistory"`
}

// MediaFile describes one file of a recording.
type MediaFile struct {
	CallUUID        string            `json:"callUUID,omitempty"`
	MediaID         string            `json:"mediaId"`
	Type            string            `json:"type"`
	StartTime       string            `json:"startTime"`
	StopTime        string            `json:"stopTime"`
	Duration        string            `json:"duration"`
	Size            string            `json:"size"`
	Channels        int               `json:"channels"`
	Tenant          string            `json:"tenant,omitempty"`
	IVRProfile      string            `json:"ivrprofile,omitempty"`
	Parameters      map[string]string `json:"parameters"`
	MediaDescriptor MediaDescriptor   `json:"mediaDescriptor"`
	Completeness    Completeness      `json:"completeness"`
}

// MediaDescriptor says where the file is stored.
type MediaDescriptor struct {
	Storage []StorageRef `json:"storage"`
}

// StorageRef is one place a file was stored.
type StorageRef struct {
	URI string `json:"uri"`
}

// EventJSON is one entry of the event history.
type EventJSON struct {
	Event string `json:"event"`
	Time  string `json:"time"`
}

// timeLayout is the RWS timestamp form: 2026-01-02T03:04:05.000+0000.
const timeLayout = "2006-01-02T15:04:05.000-0700"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// document builds the metadata for one finished file.
func (r *Recording) document(f FileResult) Document {
	meta := r.opts.Meta
	params := make(map[string]string, len(meta.Parameters))
	for k, v := range meta.Parameters {
		params[k] = v
	}
	return Document{
		ID:                r.docID(),
		CallerPhoneNumber: meta.ANI,
		DialedPhoneNumber: meta.DNIS,
		StartTime:         formatTime(r.start),
		StopTime:          formatTime(r.stop),
		MediaFiles: []MediaFile{{
			CallUUID: r.opts.CallUUID, MediaID: f.MediaID, Type: f.Format.MIME,
			StartTime: formatTime(r.start), StopTime: formatTime(r.stop),
			Duration: strconv.FormatInt(f.Duration.Milliseconds(), 10),
			Size:     strconv.FormatInt(f.Size, 10), Channels: f.Format.Channels,
			Tenant: meta.Tenant, IVRProfile: meta.Profile, Parameters: params,
			MediaDescriptor: MediaDescriptor{Storage: []StorageRef{{URI: "file://" + f.Path}}},
			Completeness:    r.completeness,
		}},
		EventHistory: r.eventJSON(),
	}
}

func (r *Recording) docID() string {
	if r.opts.CallUUID != "" {
		return r.opts.CallUUID
	}
	return r.opts.ID
}

func (r *Recording) eventJSON() []EventJSON {
	out := make([]EventJSON, len(r.events))
	for i, e := range r.events {
		out[i] = EventJSON{Event: e.Kind, Time: formatTime(e.Time)}
	}
	return out
}

// writeSidecar writes <path>.json atomically: temp file, fsync, rename.
func writeSidecar(path string, doc Document) error {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("recording: metadata: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sidecar-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
