package pluginhost

import (
	"cmp"
	"encoding/json"
	"time"

	"github.com/reel-project/reel/core/recording"
)

// Labels of sdk.Object.Metadata: what storage and analytics plugins learn
// about the recording a file belongs to (plugins/README.md, "Object
// metadata"). A label without a value is left out.
const (
	LabelTenant    = "tenant"     // the file's mediaFiles[].tenant
	LabelStartTime = "start_time" // the recording's start, RFC 3339 in UTC
	LabelCallUUID  = "call_uuid"  // the file's mediaFiles[].callUUID
	LabelDest      = "dest"       // the MSML <record dest=> (parameter record.dest)
)

// paramDest is the document parameter holding the MSML record dest.
const paramDest = "record.dest"

// rwsTime is the timestamp form of the metadata document; startLayout is
// the RFC 3339 form of LabelStartTime.
const (
	rwsTime     = "2006-01-02T15:04:05.000-0700"
	startLayout = "2006-01-02T15:04:05.000Z07:00"
)

// labels reads the labels of the file called name from the recording's
// metadata document (docs/wire.md §5): its mediaFiles entry (by mediaId, else
// the first) and the document's start. A document of another shape gives
// none.
func labels(doc json.RawMessage, name string) map[string]string {
	var d recording.Document
	if json.Unmarshal(doc, &d) != nil {
		return nil
	}
	mf := entry(d.MediaFiles, name)
	out := map[string]string{}
	add := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	add(LabelTenant, mf.Tenant)
	add(LabelCallUUID, mf.CallUUID)
	add(LabelDest, mf.Parameters[paramDest])
	add(LabelStartTime, rfc3339(cmp.Or(mf.StartTime, d.StartTime)))
	return out
}

// entry is the mediaFiles entry of name, else the first, else none.
func entry(files []recording.MediaFile, name string) recording.MediaFile {
	for _, f := range files {
		if f.MediaID == name {
			return f
		}
	}
	if len(files) > 0 {
		return files[0]
	}
	return recording.MediaFile{}
}

// rfc3339 turns a document timestamp into RFC 3339 UTC; "" when it is not one.
func rfc3339(s string) string {
	t, err := time.Parse(rwsTime, s)
	if err != nil {
		return ""
	}
	return t.UTC().Format(startLayout)
}
