package recmeta

import (
	"maps"
	"testing"
)

// TestPrecedenceMSMLOverURIOverProfile is the rule of the package doc,
// end to end as a recording gets it: Params at start, the profile's rp at
// start (Meta) and again at delivery (Document), with the same result.
func TestPrecedenceMSMLOverURIOverProfile(t *testing.T) {
	uri := map[string]string{"dnis": "7001", "rp.campaign": "from-uri", "rp.region": "from-uri"}
	msml1 := map[string]string{"rp.region": "from-msml-1", "rp.agent": "from-msml-1"}
	msml2 := map[string]string{"rp.agent": "from-msml-2"}
	profile := map[string]string{"campaign": "from-profile", "region": "from-profile", "agent": "from-profile", "team": "from-profile"}
	want := map[string]string{
		"dnis":        "7001",
		"rp.campaign": "from-uri",    // URI over profile
		"rp.region":   "from-msml-1", // MSML over URI
		"rp.agent":    "from-msml-2", // the later MSML param wins
		"rp.team":     "from-profile",
	}

	m := Meta{Parameters: Params(uri, msml1, msml2)}
	m.AddProfile("acme", profile)
	if !maps.Equal(m.Parameters, want) || m.Tenant != "acme" {
		t.Fatalf("at start: %v (tenant %q), want %v", m.Parameters, m.Tenant, want)
	}

	d := Document{MediaFiles: []MediaFile{{Tenant: "beta", Parameters: maps.Clone(m.Parameters)}, {}}}
	d.AddProfile("acme", map[string]string{"campaign": "changed-profile", "team": "changed-profile"})
	if got := d.MediaFiles[0].Parameters; !maps.Equal(got, want) {
		t.Errorf("at delivery the profile overrode the call: %v, want %v", got, want)
	}
	if d.MediaFiles[0].Tenant != "beta" || d.MediaFiles[1].Tenant != "acme" {
		t.Errorf("tenants %q, %q: want the call's beta kept and acme filled in", d.MediaFiles[0].Tenant, d.MediaFiles[1].Tenant)
	}
	if got := d.MediaFiles[1].Parameters; got["rp.campaign"] != "changed-profile" || len(got) != 2 {
		t.Errorf("a file without parameters got %v, want the profile's two", got)
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
