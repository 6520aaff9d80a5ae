package recmeta

import "cmp"

// Labels of a stored file (sdk.Object.Metadata): what storage and
// analytics plugins learn about the recording a file belongs to
// (plugins/README.md, "Object metadata"). A label without a value is left
// out.
const (
	LabelTenant    = "tenant"     // the file's mediaFiles[].tenant
	LabelStartTime = "start_time" // the recording's start, RFC 3339 in UTC
	LabelCallUUID  = "call_uuid"  // the file's mediaFiles[].callUUID
	LabelDest      = "dest"       // the MSML <record dest=> (parameter record.dest)
)

// ParamDest is the document parameter holding the MSML <record dest=>.
const ParamDest = "record.dest"

// labelTimeLayout is the RFC 3339 form of LabelStartTime.
const labelTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// Labels returns the labels of the file called mediaID: from its
// mediaFiles entry (by mediaId, else the first) and the document's start.
func (d Document) Labels(mediaID string) map[string]string {
	mf, ok := d.File(mediaID)
	if !ok && len(d.MediaFiles) > 0 {
		mf = d.MediaFiles[0]
	}
	out := map[string]string{}
	add := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	add(LabelTenant, mf.Tenant)
	add(LabelCallUUID, mf.CallUUID)
	add(LabelDest, mf.Parameters[ParamDest])
	if t, err := ParseTime(cmp.Or(mf.StartTime, d.StartTime)); err == nil {
		add(LabelStartTime, t.UTC().Format(labelTimeLayout))
	}
	return out
}
