package recmeta

import (
	"maps"
	"testing"
)

// TestPrecedenceMSMLOverURIOverProfile is the rule of the package doc as
// the recording-control API applies it: the profile's rp.* added to the
// Request-URI's parameters as defaults when the recording is planned, then
// each MSML parameter map layered over them when it starts.
func TestPrecedenceMSMLOverURIOverProfile(t *testing.T) {
	uri := map[string]string{"dnis": "7001", "rp.campaign": "from-uri", "rp.region": "from-uri"}
	msml1 := map[string]string{"rp.region": "from-msml-1", "rp.agent": "from-msml-1"}
	msml2 := map[string]string{"rp.agent": "from-msml-2"}
	profile := map[string]string{"campaign": "from-profile", "region": "from-profile", "agent": "from-profile", "team": "from-profile"}
	want := map[string]string{
		"dnis":        "7001",
		"rp.campaign": "from-uri",    // URI over profile
		"rp.region":   "from-msml-1", // MSML over URI
		"rp.agent":    "from-msml-2", // MSML over profile; the later MSML param wins
		"rp.team":     "from-profile",
	}
	m := Meta{Tenant: "beta", Parameters: Params(uri)}
	m.AddProfile("acme", profile)
	m.Parameters = Params(m.Parameters, msml1, msml2)
	if !maps.Equal(m.Parameters, want) {
		t.Errorf("parameters %v, want %v", m.Parameters, want)
	}
	if m.Tenant != "beta" {
		t.Errorf("tenant %q: the call's beta must win over the profile's", m.Tenant)
	}
	var none Meta
	if none.AddProfile("acme", nil); none.Tenant != "acme" || none.Parameters != nil {
		t.Errorf("a call without tenant or parameters: %+v, want the profile's tenant and no parameters", none)
	}
}

func TestParamsDoesNotChangeItsInputs(t *testing.T) {
	uri, msml := map[string]string{"a": "uri"}, map[string]string{"a": "msml"}
	p := Params(uri, msml)
	p["b"] = "x"
	if uri["a"] != "uri" || len(uri) != 1 || len(msml) != 1 {
		t.Errorf("Params changed its inputs: %v %v", uri, msml)
	}
	if got := Params(nil); got == nil || len(got) != 0 {
		t.Errorf("Params(nil) = %v, want an empty map to add to", got)
	}
}

func TestAddProfileParamsWithNothingToAdd(t *testing.T) {
	if got := AddProfileParams(nil, nil); got != nil {
		t.Errorf("AddProfileParams(nil, nil) = %v, want nil (the document keeps parameters: null)", got)
	}
	p := map[string]string{"rp.x": ""}
	if AddProfileParams(p, map[string]string{"x": "profile"})["rp.x"] != "" {
		t.Error("an empty value the call set was overridden by the profile")
	}
}
