package spool

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

func TestACutShortDocumentTakesTenantAndParametersFromTheTemplateEntry(t *testing.T) {
	a := ActiveRecord{RecordingID: "r", Started: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Document: recmeta.Document{ID: "CALL1", MediaFiles: []recmeta.MediaFile{
			{Tenant: "acme", IVRProfile: "acme-record", Parameters: map[string]string{"rp.campaign": "spring"}}}}}
	got := []salvaged{{name: "a.wav", contentType: "audio/wav", size: 44, dur: time.Second},
		{name: "a.mp3", contentType: "audio/mpeg", size: 10, dur: time.Second}}
	var doc recmeta.Document
	counters := recmeta.Completeness{PacketsExpected: 150, PacketsReceived: 148, PacketsLost: 2, ConcealedMs: 40}
	if err := json.Unmarshal(cutShortDocument(a, "r", got, counters, a.Started), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.MediaFiles) != 2 {
		t.Fatalf("%d media files, want 2", len(doc.MediaFiles))
	}
	for i, mf := range doc.MediaFiles {
		if mf.MediaID != got[i].name || mf.Tenant != "acme" || mf.IVRProfile != "acme-record" ||
			mf.Parameters["rp.campaign"] != "spring" || !mf.Completeness.CutShort ||
			mf.Completeness.PacketsReceived != 148 || mf.Completeness.PacketsLost != 2 || mf.Completeness.ConcealedMs != 40 {
			t.Errorf("file %d: %+v", i, mf)
		}
	}
}
