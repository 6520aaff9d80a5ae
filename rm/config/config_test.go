package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/internal/configload"
)

var rmSamplePath = filepath.Join("..", "..", "configs", "rm.yaml")

func TestRMDefaultIsValid(t *testing.T) {
	if err := DefaultRM().Validate(); err != nil {
		t.Fatalf("DefaultRM().Validate() = %v", err)
	}
}

func TestRMSampleConfigEqualsDefault(t *testing.T) {
	got, err := Load(rmSamplePath, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultRM()
	want.Tenants = map[string]RMTenant{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("configs/rm.yaml differs from DefaultRM():\n got %+v\nwant %+v", got, want)
	}
}

func TestRMSampleConfigListsEveryKey(t *testing.T) {
	lines := map[string]int{}
	if _, err := configload.ReadFile(rmSamplePath, reflect.TypeFor[RM](), lines); err != nil {
		t.Fatal(err)
	}
	for _, key := range append(Keys(), "groups[0].name", "groups[0].policy", "groups[0].mcps[0].address", "groups[0].mcps[0].capacity", "tenants") {
		if lines[key] == 0 {
			t.Errorf("configs/rm.yaml has no %s", key)
		}
	}
	b, _ := os.ReadFile(rmSamplePath)
	for _, k := range []string{"group:", "default_profile:", "record_profile:", "geo:", "profile_ids:"} {
		if !strings.Contains(string(b), "#     "+k) {
			t.Errorf("configs/rm.yaml's tenant example lacks %s", k)
		}
	}
}

func writeRM(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rm.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRMLoadReadsGroupsAndTenants(t *testing.T) {
	c, err := Load(writeRM(t, `
health:
  interval: 200ms
  timeout: 100ms
groups:
  - name: east
    policy: weighted
    mcps:
      - {address: "10.0.0.1:5070", capacity: 100}
      - {address: "mcp2.example:5070", capacity: 300}
tenants:
  Acme:
    group: east
    record_profile: acme-rec
    geo: {EMEA: acme-eu}
    profile_ids: {"1001": acme-gold}
`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultRM()
	want.Health.Interval, want.Health.Timeout = 200*time.Millisecond, 100*time.Millisecond
	want.Groups = []RMGroup{{Name: "east", Policy: PolicyWeighted, MCPs: []RMNode{{Address: "10.0.0.1:5070", Capacity: 100}, {Address: "mcp2.example:5070", Capacity: 300}}}}
	want.Tenants = map[string]RMTenant{"Acme": {Group: "east", RecordProfile: "acme-rec",
		Geo: map[string]string{"EMEA": "acme-eu"}, ProfileIDs: map[string]string{"1001": "acme-gold"}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestRMLoadErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"an unknown top-level key", "bogus: 1\n", "line 1: bogus: unknown key"},
		{"an unknown key in a group", "groups:\n  - name: a\n    polcy: weighted\n", "line 3: groups[0].polcy: unknown key"},
		{"an unknown key in a tenant", "tenants:\n  acme:\n    geoo: {}\n", "line 3: tenants.acme.geoo: unknown key"},
		{"a section where a value belongs", "default_profile:\n  a: b\n", "line 2: default_profile: want a single value, got a section"},
		{"a bad policy", "groups:\n  - name: a\n    policy: random\n    mcps: [{address: 'h:1', capacity: 1}]\n", `line 3: groups[0].policy: unknown policy "random"`},
		{"a bad capacity", "groups:\n  - name: a\n    policy: weighted\n    mcps: [{address: 'h:1', capacity: x}]\n", `groups[0].mcps[0].capacity`},
		{"an MCP listed twice", "groups:\n  - name: a\n    policy: weighted\n    mcps: [{address: 'h:1', capacity: 1}, {address: 'h:1', capacity: 1}]\n", `groups[0].mcps[1].address: "h:1" already listed`},
		{"a tenant's unknown group", "tenants:\n  acme:\n    group: west\n", `line 3: tenants.acme.group: "west" names no group`},
		{"a profile name with a semicolon", "tenants:\n  acme:\n    geo:\n      emea: 'a;b'\n", `line 4: tenants.acme.geo.emea: "a;b" is not a profile name`},
		{"a timeout longer than the interval", "health:\n  interval: 1s\n  timeout: 2s\n", "line 3: health.timeout"},
		{"an MCP over TLS without a TLS listener", "groups:\n  - name: a\n    policy: weighted\n    mcps: [{address: 'h:1', capacity: 1, transport: tls}]\n", `groups[0].mcps[0].transport: tls needs sip.transports to list tls`},
		{"an MCP transport that is unknown", "groups:\n  - name: a\n    policy: weighted\n    mcps: [{address: 'h:1', capacity: 1, transport: sctp}]\n", `groups[0].mcps[0].transport: unknown transport "sctp"`},
		{"a duration without unit", "proxy:\n  failover_timeout: 300\n", "proxy.failover_timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(writeRM(t, tc.body), nil, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			var ke *configload.KeyError
			if !errors.As(err, &ke) {
				t.Errorf("%v is no KeyError", err)
			}
		})
	}
}

func TestRMEnvOverridesEveryKey(t *testing.T) {
	values := map[string]string{
		"sip.listen": "127.0.0.1:5999", "sip.transports": "tcp", "sip.advertise": "rm.example", "sip.user_agent": "x",
		"http.listen": "127.0.0.1:1", "http.token_file": "/etc/reel/token", "http.read_token_file": "/etc/reel/read-token", "proxy.failover_timeout": "2s", "proxy.invite_timeout": "3s",
		"proxy.max_attempts": "5", "proxy.dialog_timeout": "1h", "proxy.drain_timeout": "1s",
		"health.interval": "1s", "health.timeout": "1s", "health.down_after": "7", "health.up_after": "8",
		"default_profile": "p1", "log.level": "debug", "log.format": "json",
		"sip.tls.listen": "127.0.0.1:5998", "sip.tls.cert_file": "/c", "sip.tls.key_file": "/k", "sip.tls.ca_file": "/ca",
		"sip.tls.verify_clients": "true", "sip.tls.allow": "10.0.0.0/8", "sip.admission.allow": "10.0.0.0/8,192.0.2.1",
		"sip.admission.refuse": "silence", "sip.admission.invite_rate": "50", "sip.admission.invite_burst": "100",
	}
	var env []string
	for _, k := range Keys() {
		v, ok := values[k]
		if !ok {
			t.Fatalf("no test value for %s", k)
		}
		env = append(env, configload.EnvName(k)+"="+v)
	}
	c, err := Load("", nil, env)
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultRM()
	if reflect.DeepEqual(c.SIP, d.SIP) || reflect.DeepEqual(c.Proxy, d.Proxy) || reflect.DeepEqual(c.Health, d.Health) ||
		c.DefaultProfile != "p1" || c.Log.Format != "json" || c.HTTP.Listen != "127.0.0.1:1" {
		t.Errorf("env did not override: %+v", c)
	}
	if !reflect.DeepEqual(c.SIP.Transports, []string{"tcp"}) || c.Health.UpAfter != 8 || c.Proxy.DrainTimeout != time.Second ||
		!reflect.DeepEqual(c.SIP.Admission.Allow, []string{"10.0.0.0/8", "192.0.2.1"}) || c.SIP.Admission.InviteRate != 50 || !c.SIP.TLS.VerifyClients {
		t.Errorf("env values wrong: %+v", c)
	}
}

func TestRMEnvErrorNamesTheVariable(t *testing.T) {
	_, err := Load("", nil, []string{"REEL_HEALTH_DOWN_AFTER=abc"})
	if err == nil || !strings.Contains(err.Error(), "health.down_after (from REEL_HEALTH_DOWN_AFTER)") {
		t.Fatalf("error %v", err)
	}
}

func TestRMFlagsWinAndMCPsMakeOneGroup(t *testing.T) {
	fs := pflag.NewFlagSet("reel-rm", pflag.ContinueOnError)
	RegisterFlags(fs)
	if err := fs.Parse([]string{"--sip-listen", "127.0.0.1:5099", "--mcps", "127.0.0.1:5070, 127.0.0.1:5072"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load("", fs, []string{"REEL_SIP_LISTEN=127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	if c.SIP.Listen != "127.0.0.1:5099" {
		t.Errorf("sip.listen %q, want the flag's", c.SIP.Listen)
	}
	if want := []RMGroup{MCPGroup("127.0.0.1:5070", "127.0.0.1:5072")}; !reflect.DeepEqual(c.Groups, want) {
		t.Errorf("groups %+v, want %+v", c.Groups, want)
	}
}

func TestEnvMCPsMakesOneGroupAndTheFlagWins(t *testing.T) {
	file := writeRM(t, "groups:\n  - name: a\n    policy: weighted\n    mcps: [{address: 'h:1', capacity: 1}]\n")
	env := []string{"REEL_MCPS= 10.0.0.1:5070,10.0.0.2:5070 ,"}
	c, err := Load(file, nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if want := []RMGroup{MCPGroup("10.0.0.1:5070", "10.0.0.2:5070")}; !reflect.DeepEqual(c.Groups, want) {
		t.Errorf("groups %+v, want %+v", c.Groups, want)
	}
	fs := pflag.NewFlagSet("reel-rm", pflag.ContinueOnError)
	RegisterFlags(fs)
	if err := fs.Parse([]string{"--mcps", "127.0.0.1:5070"}); err != nil {
		t.Fatal(err)
	}
	if c, err = Load(file, fs, env); err != nil || !reflect.DeepEqual(c.Groups, []RMGroup{MCPGroup("127.0.0.1:5070")}) {
		t.Errorf("with --mcps: groups %+v, %v; want the flag's", c.Groups, err)
	}
	if _, err := Load(file, nil, []string{"REEL_MCPS=not-an-address"}); err == nil || !strings.Contains(err.Error(), "REEL_MCPS") {
		t.Errorf("a bad REEL_MCPS: %v, want an error naming it", err)
	}
}

func TestRMListInFileReplacesTheDefault(t *testing.T) {
	c, err := Load(writeRM(t, "sip:\n  transports: [tcp]\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.SIP.Transports, []string{"tcp"}) {
		t.Errorf("transports %v, want [tcp]", c.SIP.Transports)
	}
}
