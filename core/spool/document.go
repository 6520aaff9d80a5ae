package spool

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"strconv"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

// withStorage returns doc with mediaFiles[].mediaDescriptor.storage set to
// the locations of each file (by mediaId). A document that is not one of
// docs/wire.md §5 is returned unchanged.
func withStorage(doc json.RawMessage, locs map[string][]string) json.RawMessage {
	d, err := recmeta.Parse(doc)
	if err != nil {
		return doc
	}
	d.AddStorage(locs)
	return d.JSON()
}

// mergeSidecars reads the metadata sidecars the recorder wrote (one
// document per file) and merges them into one document for the recording.
func mergeSidecars(paths []string) (json.RawMessage, error) {
	docs := make([]recmeta.Document, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("spool: metadata sidecar: %w", err)
		}
		d, err := recmeta.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("spool: metadata sidecar %s: %w", p, err)
		}
		docs = append(docs, d)
	}
	return recmeta.Merge(docs...).JSON(), nil
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
func cutShortDocument(a ActiveRecord, id string, got []salvaged, counters recmeta.Completeness, now time.Time) json.RawMessage {
	doc := a.Document
	if doc.ID == "" {
		doc.ID = id
	}
	start, longest := startOf(a, now), time.Duration(0)
	files := make([]recmeta.MediaFile, 0, len(got))
	for _, g := range got {
		mf := mediaFile(doc.MediaFiles, g.name)
		mf.MediaID, mf.Size = g.name, strconv.FormatInt(g.size, 10)
		mf.Duration = strconv.FormatInt(g.dur.Milliseconds(), 10)
		mf.Type = cmp.Or(mf.Type, g.contentType)
		mf.StartTime, mf.StopTime = cmp.Or(mf.StartTime, recmeta.FormatTime(start)), recmeta.FormatTime(start.Add(g.dur))
		mf.Completeness = counters
		mf.Completeness.CutShort, mf.Completeness.EndReason = true, "error"
		files = append(files, mf)
		longest = max(longest, g.dur)
	}
	doc.MediaFiles = files
	doc.StartTime, doc.StopTime = cmp.Or(doc.StartTime, recmeta.FormatTime(start)), recmeta.FormatTime(start.Add(longest))
	doc.EventHistory = append(doc.EventHistory, recmeta.Event{Event: "stop", Time: doc.StopTime})
	return doc.JSON()
}

// startOf is when the recording started: the record's time, else its
// document's, else now.
func startOf(a ActiveRecord, now time.Time) time.Time {
	if !a.Started.IsZero() {
		return a.Started
	}
	if t, err := recmeta.ParseTime(a.Document.StartTime); err == nil {
		return t
	}
	return now
}

// mediaFile returns the entry for name, or a new one.
func mediaFile(files []recmeta.MediaFile, name string) recmeta.MediaFile {
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
	return recmeta.MediaFile{MediaID: name, Parameters: map[string]string{}}
}
