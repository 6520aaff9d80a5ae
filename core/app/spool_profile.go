package app

import (
	"encoding/json"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
)

// withProfile completes the document with what the recording's profile
// says (recmeta.Document.AddProfile): a file without a tenant (the
// Request-URI had no gvp-tenant-id, which reel-rm removes) gets the
// profile's, and every file gets the rp parameters as rp.<key> where the
// call did not set that parameter (the precedence rule of core/recmeta). A
// document of another shape is returned unchanged.
func withProfile(doc json.RawMessage, p config.Profile) json.RawMessage {
	if p.Tenant == "" && len(p.RP) == 0 {
		return doc
	}
	d, err := recmeta.Parse(doc)
	if err != nil {
		return doc
	}
	d.AddProfile(p.Tenant, p.RP)
	return d.JSON()
}
