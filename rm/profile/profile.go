package profile

import (
	"strings"

	"github.com/reel-project/reel/rm/config"
)

// Genesys header names Select reads.
const (
	HeaderProfileID   = "X-Genesys-gsw-ivr-profile-id"
	HeaderProfileName = "X-Genesys-gsw-ivr-profile-name"
	HeaderGeoLocation = "X-Genesys-geo-location"
)

// MediaServiceRecord is the media-service value that asks for the tenant's
// recording profile.
const MediaServiceRecord = "record"

// Rules are the profile rules of every tenant. Treat as read-only.
type Rules struct {
	Default string
	Tenants map[string]config.RMTenant
}

// FromConfig returns the rules of a validated configuration.
func FromConfig(c config.RM) Rules { return Rules{Default: c.DefaultProfile, Tenants: c.Tenants} }

// Request is what selection looks at; every field may be empty.
type Request struct {
	Tenant       string // gvp-tenant-id
	MediaService string // media-service
	ProfileID    string // X-Genesys-gsw-ivr-profile-id
	ProfileName  string // X-Genesys-gsw-ivr-profile-name
	Geo          string // X-Genesys-geo-location
}

// Choice is the outcome of Select.
type Choice struct {
	Profile string // a valid profile name
	Tenant  string // the tenant whose rules applied; "" when unknown or none
	Group   string // the tenant's resource group; "" means the first group
	Rule    string // which rule decided: see the Rule constants
}

// Rules, as reported in Choice.Rule (and the metrics).
const (
	RuleProfileID   = "profile-id"
	RuleProfileName = "profile-name"
	RuleGeo         = "geo"
	RuleRecord      = "record"
	RuleTenant      = "tenant-default"
	RuleDefault     = "default"
)

// Select returns the profile of a leg.
func (r Rules) Select(q Request) Choice {
	t, known := r.Tenants[q.Tenant]
	c := Choice{Group: t.Group}
	if known {
		c.Tenant = q.Tenant
	}
	c.Profile, c.Rule = r.pick(t, q)
	return c
}

func (r Rules) pick(t config.RMTenant, q Request) (string, string) {
	if p := t.ProfileIDs[strings.TrimSpace(q.ProfileID)]; p != "" && q.ProfileID != "" {
		return p, RuleProfileID
	}
	if name := strings.TrimSpace(q.ProfileName); config.ValidProfileName(name) {
		return name, RuleProfileName
	}
	if strings.EqualFold(q.MediaService, MediaServiceRecord) {
		if p := t.Geo[strings.TrimSpace(q.Geo)]; p != "" && q.Geo != "" {
			return p, RuleGeo
		}
		if t.RecordProfile != "" {
			return t.RecordProfile, RuleRecord
		}
	}
	if t.DefaultProfile != "" {
		return t.DefaultProfile, RuleTenant
	}
	return r.Default, RuleDefault
}
