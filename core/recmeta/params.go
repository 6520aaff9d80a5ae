package recmeta

import "maps"

// Meta is what a call says about a recording when it starts: the parties'
// numbers, the tenant and profile, and the parameters that go into every
// file's mediaFiles[].parameters.
type Meta struct {
	ANI, DNIS       string
	Tenant, Profile string
	ConfID          string            // the conference (or recorder session) id
	SIPREC          *SIPREC           // a SIPREC session's; nil for other calls
	Parameters      map[string]string // see Params and AddProfile for what wins
}

// ProfileParamPrefix starts the name of a profile's parameters in the
// document: the profile's rp {campaign: spring} is rp.campaign=spring.
const ProfileParamPrefix = "rp."

// Params returns a recording's parameters by the precedence rule of the
// package doc: the Request-URI's parameters, overridden by each MSML
// parameter map in order (a later one wins). The result is a new map;
// profile parameters are added by AddProfile, which never overrides these.
func Params(uri map[string]string, msml ...map[string]string) map[string]string {
	p := maps.Clone(uri)
	if p == nil {
		p = map[string]string{}
	}
	for _, m := range msml {
		maps.Copy(p, m)
	}
	return p
}

// AddProfileParams adds a profile's rp parameters to params as rp.<key>,
// each only where params has no value for it yet: the profile supplies
// defaults, what the call said wins. It returns params, made when nil and
// there is something to add.
func AddProfileParams(params, rp map[string]string) map[string]string {
	if params == nil && len(rp) > 0 {
		params = make(map[string]string, len(rp))
	}
	for k, v := range rp {
		if _, set := params[ProfileParamPrefix+k]; !set {
			params[ProfileParamPrefix+k] = v
		}
	}
	return params
}

// AddProfile completes m with its profile: the profile's tenant when the
// call named none, and its rp parameters as defaults (AddProfileParams).
func (m *Meta) AddProfile(tenant string, rp map[string]string) {
	if m.Tenant == "" {
		m.Tenant = tenant
	}
	m.Parameters = AddProfileParams(m.Parameters, rp)
}
