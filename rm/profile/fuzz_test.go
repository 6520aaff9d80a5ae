package profile

import (
	"strings"
	"testing"

	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/rm/config"
)

// FuzzSelect: any Request-URI and header values give a valid profile name
// that is the default, a configured one or the header's own name.
func FuzzSelect(f *testing.F) {
	f.Add("sip:msml=c1@rm;dn=7001;record;gvp-tenant-id=acme;media-service=record", "1001", "", "emea")
	f.Add("sip:msml=c1@rm;gvp-tenant-id=acme", "", "gold", "")
	f.Add("sip:record=r1@rm;gvp-tenant-id=%61cme;media-service=RECORD", "", "a;b", "emea")
	f.Add("sip:7001@rm", "\x00", "..", "\xff")
	f.Fuzz(func(t *testing.T, uri, id, name, geo string) {
		target, err := requri.Parse(uri)
		if err != nil {
			return
		}
		c := rules.Select(Request{Tenant: target.Tenant, MediaService: target.MediaService,
			ProfileID: id, ProfileName: name, Geo: geo})
		if !config.ValidProfileName(c.Profile) {
			t.Fatalf("profile %q is not a valid name", c.Profile)
		}
		if c.Rule == RuleProfileName && c.Profile != strings.TrimSpace(name) {
			t.Fatalf("profile %q from name rule, header %q", c.Profile, name)
		}
	})
}
