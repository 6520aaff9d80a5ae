package webdav

import (
	"errors"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestTemplateExpandsPlaceholders(t *testing.T) {
	key := sdk.Key{RecordingID: "rec-7", Name: "call.mp3"}
	meta := map[string]string{MetaTenant: "acme", MetaStartTime: "2026-01-02T23:30:00-02:00"}
	cases := []struct{ tmpl, want string }{
		{"{recording_id}", "rec-7"},
		{"", ""},
		{"{tenant}/{date:2006/01/02}/{recording_id}", "acme/2026/01/03/rec-7"},
		{"/archive//{tenant}-{date:2006}/", "archive/acme-2026"},
	}
	for _, tc := range cases {
		t.Run(tc.tmpl, func(t *testing.T) {
			tmpl, err := ParseTemplate(tc.tmpl)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tmpl.Expand(key, meta)
			if err != nil || got != tc.want {
				t.Errorf("Expand = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestTemplateRefusals(t *testing.T) {
	for _, bad := range []string{"{tenant", "{who}", "{date:}", "a/{x}/b", "%2e%2e", "a?b"} {
		if _, err := ParseTemplate(bad); err == nil {
			t.Errorf("ParseTemplate(%q) accepted it", bad)
		}
	}
	tmpl, _ := ParseTemplate("{tenant}/{date:2006}")
	for _, meta := range []map[string]string{nil, {MetaTenant: "../x", MetaStartTime: "2026-01-02T00:00:00Z"}, {MetaTenant: "a"}} {
		if _, err := tmpl.Expand(sdk.Key{RecordingID: "r", Name: "n"}, meta); !errors.Is(err, sdk.ErrInvalid) {
			t.Errorf("Expand with %v = %v, want sdk.ErrInvalid", meta, err)
		}
	}
	dots, _ := ParseTemplate("a/../b")
	if _, err := dots.Expand(sdk.Key{RecordingID: "r", Name: "n"}, nil); err == nil {
		t.Error("a .. segment was accepted")
	}
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"{recording_id}", "{tenant}/{date:2006/01/02}/{recording_id}", "{date:..}", "a{", "x/{tenant}/../y"} {
		f.Add(s, "acme", "rec-1")
	}
	f.Fuzz(func(t *testing.T, tmpl, tenant, id string) {
		p, err := ParseTemplate(tmpl)
		if err != nil {
			return
		}
		key := sdk.Key{RecordingID: id, Name: "f.wav"}
		got, err := p.Expand(key, map[string]string{MetaTenant: tenant, MetaStartTime: "2026-01-02T03:04:05Z"})
		if err != nil || key.Validate() != nil {
			return
		}
		for _, seg := range strings.Split(got, "/") {
			if seg == ".." || seg == "." || (seg == "" && got != "") {
				t.Fatalf("Expand(%q) = %q has segment %q", tmpl, got, seg)
			}
		}
	})
}
