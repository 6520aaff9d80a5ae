package profile

import (
	"testing"

	"github.com/reel-project/reel/rm/config"
)

var rules = Rules{Default: "std", Tenants: map[string]config.RMTenant{
	"acme": {Group: "east", DefaultProfile: "acme", RecordProfile: "acme-rec",
		Geo: map[string]string{"emea": "acme-eu"}, ProfileIDs: map[string]string{"1001": "acme-gold"}},
	"bare": {},
}}

func TestSelect(t *testing.T) {
	tests := []struct {
		name string
		q    Request
		want Choice
	}{
		{"no tenant gets the global default", Request{},
			Choice{Profile: "std", Rule: RuleDefault}},
		{"an unknown tenant gets the global default", Request{Tenant: "nobody", MediaService: "record"},
			Choice{Profile: "std", Rule: RuleDefault}},
		{"a tenant without media-service gets its default", Request{Tenant: "acme"},
			Choice{Profile: "acme", Tenant: "acme", Group: "east", Rule: RuleTenant}},
		{"media-service=record gets the record profile", Request{Tenant: "acme", MediaService: "record"},
			Choice{Profile: "acme-rec", Tenant: "acme", Group: "east", Rule: RuleRecord}},
		{"media-service=record with a known geo gets the geo profile", Request{Tenant: "acme", MediaService: "Record", Geo: "emea"},
			Choice{Profile: "acme-eu", Tenant: "acme", Group: "east", Rule: RuleGeo}},
		{"an unknown geo falls back to the record profile", Request{Tenant: "acme", MediaService: "record", Geo: "apac"},
			Choice{Profile: "acme-rec", Tenant: "acme", Group: "east", Rule: RuleRecord}},
		{"geo without media-service=record is ignored", Request{Tenant: "acme", Geo: "emea"},
			Choice{Profile: "acme", Tenant: "acme", Group: "east", Rule: RuleTenant}},
		{"a known profile id wins over everything", Request{Tenant: "acme", MediaService: "record", Geo: "emea", ProfileID: "1001", ProfileName: "other"},
			Choice{Profile: "acme-gold", Tenant: "acme", Group: "east", Rule: RuleProfileID}},
		{"an unknown profile id falls through to the name", Request{Tenant: "acme", ProfileID: "9", ProfileName: "named"},
			Choice{Profile: "named", Tenant: "acme", Group: "east", Rule: RuleProfileName}},
		{"a profile name works without a tenant", Request{ProfileName: " gold "},
			Choice{Profile: "gold", Rule: RuleProfileName}},
		{"an unsafe profile name is ignored", Request{Tenant: "acme", ProfileName: "a;b=c"},
			Choice{Profile: "acme", Tenant: "acme", Group: "east", Rule: RuleTenant}},
		{"a tenant with no rules gets the global default", Request{Tenant: "bare", MediaService: "record"},
			Choice{Profile: "std", Tenant: "bare", Rule: RuleDefault}},
		{"tenant names are case-sensitive", Request{Tenant: "ACME"},
			Choice{Profile: "std", Rule: RuleDefault}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := rules.Select(tc.q); got != tc.want {
				t.Errorf("Select(%+v) = %+v, want %+v", tc.q, got, tc.want)
			}
		})
	}
}
