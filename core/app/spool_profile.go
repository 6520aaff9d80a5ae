package app

import (
	"encoding/json"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
)

// withProfile completes the document with what the recording's profile
// says: a file without a tenant (the Request-URI had no gvp-tenant-id,
// which reel-rm removes) gets the profile's, and every file gets the rp
// parameters as rp.<key>. A document of another shape is returned unchanged.
func withProfile(doc json.RawMessage, p config.Profile) json.RawMessage {
	if p.Tenant == "" && len(p.RP) == 0 {
		return doc
	}
	d, err := recmeta.Parse(doc)
	if err != nil {
		return doc
	}
	for i := range d.MediaFiles {
		mf := &d.MediaFiles[i]
		if mf.Tenant == "" {
			mf.Tenant = p.Tenant
		}
		if mf.Parameters == nil && len(p.RP) > 0 {
			mf.Parameters = map[string]string{}
		}
		for k, v := range p.RP {
			mf.Parameters["rp."+k] = v
		}
	}
	return d.JSON()
}
