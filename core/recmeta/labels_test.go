package recmeta

import (
	"maps"
	"testing"
	"time"
)

func TestTimeRoundTripsInUTC(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 250e6, time.FixedZone("CET", 3600))
	s := FormatTime(at)
	if s != "2026-01-02T02:04:05.250+0000" {
		t.Fatalf("FormatTime = %q", s)
	}
	back, err := ParseTime(s)
	if err != nil || !back.Equal(at) {
		t.Errorf("ParseTime(%q) = %v, %v", s, back, err)
	}
}

func TestLabels(t *testing.T) {
	d := Document{StartTime: "2026-01-02T03:04:05.250+0100", MediaFiles: []MediaFile{
		{MediaID: "a.mp3", Tenant: "other", CallUUID: "uuid-0"},
		{MediaID: "a.wav", Tenant: "acme", CallUUID: "uuid-1", StartTime: "2026-01-02T04:00:00.000+0000",
			Parameters: map[string]string{ParamDest: "https://sm.example.com/acme"}},
	}}
	for _, tc := range []struct {
		file string
		want map[string]string
	}{
		{"a.wav", map[string]string{LabelTenant: "acme", LabelCallUUID: "uuid-1", LabelDest: "https://sm.example.com/acme", LabelStartTime: "2026-01-02T04:00:00.000Z"}},
		{"a.mp3", map[string]string{LabelTenant: "other", LabelCallUUID: "uuid-0", LabelStartTime: "2026-01-02T02:04:05.250Z"}},
		{"unlisted", map[string]string{LabelTenant: "other", LabelCallUUID: "uuid-0", LabelStartTime: "2026-01-02T02:04:05.250Z"}},
	} {
		if got := d.Labels(tc.file); !maps.Equal(got, tc.want) {
			t.Errorf("Labels(%q) = %v, want %v", tc.file, got, tc.want)
		}
	}
	if got := (Document{StartTime: "yesterday"}).Labels("x"); len(got) != 0 {
		t.Errorf("labels of an empty document = %v", got)
	}
}
