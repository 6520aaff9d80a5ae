package spool

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"strconv"
	"time"

	"github.com/reel-project/reel/core/recording"
)

// timeLayout is the RWS timestamp form core/recording writes:
// 2026-01-02T03:04:05.000+0000.
const timeLayout = "2006-01-02T15:04:05.000-0700"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// withStorage returns doc with mediaFiles[].mediaDescriptor.storage set to
// the locations of each file (by mediaId). Every other field is kept as it
// was; a document of another shape is returned unchanged.
func withStorage(doc json.RawMessage, locs map[string][]string) json.RawMessage {
	var top map[string]json.RawMessage
	var files []map[string]json.RawMessage
	if json.Unmarshal(doc, &top) != nil || json.Unmarshal(top["mediaFiles"], &files) != nil {
		return doc
	}
	for _, f := range files {
		var name string
		_ = json.Unmarshal(f["mediaId"], &name)
		if uris, ok := locs[name]; ok {
			f["mediaDescriptor"] = withURIs(f["mediaDescriptor"], uris)
		}
	}
	top["mediaFiles"] = mustJSON(files)
	return mustJSON(top)
}

// withURIs sets the storage list of one mediaDescriptor object.
func withURIs(desc json.RawMessage, uris []string) json.RawMessage {
	var d map[string]json.RawMessage
	if json.Unmarshal(desc, &d) != nil || d == nil {
		d = map[string]json.RawMessage{}
	}
	refs := make([]recording.StorageRef, len(uris))
	for i, u := range uris {
		refs[i].URI = u
	}
	d["storage"] = mustJSON(refs)
	return mustJSON(d)
}

// mustJSON encodes values that cannot fail to encode (maps of raw JSON,
// plain structs).
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("spool: encode %T: %v", v, err))
	}
	return b
}

// mergeSidecars reads the metadata sidecars recording.Stop wrote (one
// document per file) and merges them into one document for the recording:
// the first one's fields, every one's mediaFiles.
func mergeSidecars(paths []string) (json.RawMessage, error) {
	var merged recording.Document
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("spool: metadata sidecar: %w", err)
		}
		var d recording.Document
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("spool: metadata sidecar %s: %w", p, err)
		}
		if i == 0 {
			merged = d
			continue
		}
		merged.MediaFiles = append(merged.MediaFiles, d.MediaFiles...)
	}
	return mustJSON(merged), nil
}

// salvaged is one file recovered from an active recording.
type salvaged struct {
	name, contentType string
	size              int64
	dur               time.Duration
}

// cutShortDocument completes an active recording's document for the files
// recovered: sizes, durations and stop times from the repaired files, the
// counters the recording saved while it ran, the completeness verdict
// cutShort with endReason "error", a stop event. Files
// that could not be recovered are left out: metadata never names a file
// that is not stored.
func cutShortDocument(a ActiveRecord, id string, got []salvaged, counters recording.Completeness, now time.Time) json.RawMessage {
	doc := a.Document
	if doc.ID == "" {
		doc.ID = id
	}
	start, longest := startOf(a, now), time.Duration(0)
	files := make([]recording.MediaFile, 0, len(got))
	for _, g := range got {
		mf := mediaFile(doc.MediaFiles, g.name)
		mf.MediaID, mf.Size = g.name, strconv.FormatInt(g.size, 10)
		mf.Duration = strconv.FormatInt(g.dur.Milliseconds(), 10)
		mf.Type = cmp.Or(mf.Type, g.contentType)
		mf.StartTime, mf.StopTime = cmp.Or(mf.StartTime, formatTime(start)), formatTime(start.Add(g.dur))
		mf.Completeness = counters
		mf.Completeness.CutShort, mf.Completeness.EndReason = true, "error"
		files = append(files, mf)
		longest = max(longest, g.dur)
	}
	doc.MediaFiles = files
	doc.StartTime, doc.StopTime = cmp.Or(doc.StartTime, formatTime(start)), formatTime(start.Add(longest))
	doc.EventHistory = append(doc.EventHistory, recording.EventJSON{Event: "stop", Time: doc.StopTime})
	return mustJSON(doc)
}

// startOf is when the recording started: the record's time, else its
// document's, else now.
func startOf(a ActiveRecord, now time.Time) time.Time {
	if !a.Started.IsZero() {
		return a.Started
	}
	if t, err := time.Parse(timeLayout, a.Document.StartTime); err == nil {
		return t
	}
	return now
}

// mediaFile returns the entry for name, or a new one.
func mediaFile(files []recording.MediaFile, name string) recording.MediaFile {
	for _, f := range files {
		if f.MediaID == name {
			return f
		}
	}
	for _, f := range files {
		if f.MediaID == "" { // the template for files the record does not name
			f.MediaID, f.Parameters = name, maps.Clone(f.Parameters)
			if f.Parameters == nil {
				f.Parameters = map[string]string{}
			}
			return f
		}
	}
	return recording.MediaFile{MediaID: name, Parameters: map[string]string{}}
}
