package recording

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/reel-project/reel/core/recmeta"
)

// document builds the metadata for one finished file.
func (r *Recording) document(f FileResult) recmeta.Document {
	meta := r.opts.Meta
	params := make(map[string]string, len(meta.Parameters))
	for k, v := range meta.Parameters {
		params[k] = v
	}
	return recmeta.Document{
		ID:                r.docID(),
		CallerPhoneNumber: meta.ANI,
		DialedPhoneNumber: meta.DNIS,
		StartTime:         recmeta.FormatTime(r.start),
		StopTime:          recmeta.FormatTime(r.stop),
		MediaFiles: []recmeta.MediaFile{{
			CallUUID: r.opts.CallUUID, MediaID: f.MediaID, Type: f.Format.MIME,
			StartTime: recmeta.FormatTime(r.start), StopTime: recmeta.FormatTime(r.stop),
			Duration: strconv.FormatInt(f.Duration.Milliseconds(), 10),
			Size:     strconv.FormatInt(f.Size, 10), Channels: f.Format.Channels,
			Tenant: meta.Tenant, IVRProfile: meta.Profile, ConfID: meta.ConfID, Legs: r.legList(), Parameters: params, SIPREC: meta.SIPREC,
			MediaDescriptor: recmeta.MediaDescriptor{Storage: []recmeta.StorageRef{{URI: "file://" + f.Path}}},
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

func (r *Recording) eventJSON() []recmeta.Event {
	out := make([]recmeta.Event, len(r.events))
	for i, e := range r.events {
		out[i] = recmeta.Event{Event: e.Kind, Time: recmeta.FormatTime(e.Time)}
	}
	return out
}

// writeSidecar writes <path>.json atomically: temp file, fsync, rename.
func writeSidecar(path string, doc recmeta.Document) error {
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

// SetLegs records the SIP legs that were part of the recording, for the
// metadata; the conference calls it before Stop. The Recording keeps legs.
func (r *Recording) SetLegs(legs []recmeta.Leg) {
	r.mu.Lock()
	r.sipLegs = legs
	r.mu.Unlock()
}

// SetSIPREC replaces a SIPREC session's description in the metadata (its
// participants change during the call); once stopped it is too late. The
// Recording keeps s.
func (r *Recording) SetSIPREC(s *recmeta.SIPREC) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.stopped {
		r.opts.Meta.SIPREC = s
	}
}

func (r *Recording) legList() []recmeta.Leg {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sipLegs
}
