package app

import (
	"log/slog"
	"maps"
	"testing"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

func testRecordings(t *testing.T, profiles map[string]config.Profile) *recordings {
	t.Helper()
	global, _ := recording.ParseFormats([]string{"mp3-16-stereo", "wav-pcmu"})
	r, err := newRecordings(slog.New(slog.DiscardHandler), global, profiles)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRPParametersAreDefaultsUnderTheRequestURIsUnderTheControllers(t *testing.T) {
	r := testRecordings(t, map[string]config.Profile{
		config.DefaultProfile: {},
		"acme":                {Tenant: "acme", RP: map[string]string{"campaign": "spring", "site": "profile", "team": "profile"}},
	})
	plan := r.Plan(requri.Target{ID: "c", DN: "7001", Profile: "acme", Params: map[string]string{"rp.site": "uri", "rp.team": "uri"}})
	got := recmeta.Params(plan.Meta.Parameters, map[string]string{"rp.team": "msml"})
	want := map[string]string{"rp.campaign": "spring", "rp.site": "uri", "rp.team": "msml", "recordDN": "7001"}
	if !maps.Equal(got, want) {
		t.Fatalf("parameters %v, want %v: MSML over the Request-URI over the profile", got, want)
	}
	if plan.Meta.Tenant != "acme" {
		t.Errorf("tenant %q, want the profile's when the Request-URI has none", plan.Meta.Tenant)
	}
	if p := r.Plan(requri.Target{ID: "d", Profile: "acme", Tenant: "globex"}); p.Meta.Tenant != "globex" {
		t.Errorf("tenant %q, want the Request-URI's globex over the profile's", p.Meta.Tenant)
	}
}

func TestAStartWritesTheFormatItNamesPlusTheAnalyticsCopy(t *testing.T) {
	r := testRecordings(t, map[string]config.Profile{
		config.DefaultProfile: {},
		"speech":              {Formats: []string{"mp3-32-stereo", "wav-pcma"}, Analytics: []string{"sm"}, RecordFrom: config.RecordFromFirstAudio},
	})
	for _, tc := range []struct {
		profile, mime string
		want          []string
		firstAudio    bool
	}{
		{"", "audio/wav", []string{"wav-pcmu"}, false},
		{"", "audio/mp3", []string{"mp3-16-stereo"}, false},
		{"", "", []string{"mp3-16-stereo"}, false},
		{"speech", "audio/mp3", []string{"mp3-32-stereo", "wav-pcma"}, true},
		{"speech", "audio/wav", []string{"wav-pcma"}, true},
		{"speech", "audio/x-wav;codec=pcm", []string{"wav-pcm16"}, true},
	} {
		plan := r.Plan(requri.Target{ID: "c", Profile: tc.profile})
		formats, err := r.formatsFor(plan, tc.mime)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range formats {
			names = append(names, f.Name)
		}
		if !equal(names, tc.want) || plan.FirstAudio != tc.firstAudio {
			t.Errorf("profile %q, %q: formats %v first-audio %v, want %v %v", tc.profile, tc.mime, names, plan.FirstAudio, tc.want, tc.firstAudio)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
