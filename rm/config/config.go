package config

import (
	"time"

	core "github.com/reel-project/reel/core/config"
)

// RM is the configuration of reel-rm. The mapstructure tags are the YAML
// keys; the comments in configs/rm.yaml explain each one.
type RM struct {
	SIP    RMSIP     `mapstructure:"sip"`
	HTTP   core.HTTP `mapstructure:"http"`
	Proxy  RMProxy   `mapstructure:"proxy"`
	Health RMHealth  `mapstructure:"health"`
	// DefaultProfile is the recording profile of a call no tenant rule
	// picks one for.
	DefaultProfile string `mapstructure:"default_profile"`
	// Groups are the resource groups of MCPs; a tenant names its group, the
	// first group serves everything else.
	Groups []RMGroup `mapstructure:"groups" reel:"block"`
	// Tenants maps a gvp-tenant-id to its profile rules.
	Tenants map[string]RMTenant `mapstructure:"tenants" reel:"block"`
	Log     core.Log            `mapstructure:"log"`
}

// RMSIP is the proxy's SIP listener.
type RMSIP struct {
	Listen     string   `mapstructure:"listen"`     // host:port for every transport
	Transports []string `mapstructure:"transports"` // "udp", "tcp"
	// Advertise is the host put in Via and Record-Route; empty: the listen
	// address when it is specific, else the first non-loopback IPv4 address.
	Advertise string `mapstructure:"advertise"`
	UserAgent string `mapstructure:"user_agent"` // Server header of our own answers
	// TLS is the SIP-over-TLS listener (transports lists "tls"), whose
	// certificate is also presented to MCPs reached over TLS.
	TLS       core.SIPTLS       `mapstructure:"tls"`
	Admission core.SIPAdmission `mapstructure:"admission"`
}

// RMProxy tunes forwarding and failover.
type RMProxy struct {
	// FailoverTimeout: an MCP that sends nothing at all (not even 100
	// Trying) within this is skipped for the next one.
	FailoverTimeout time.Duration `mapstructure:"failover_timeout"`
	// InviteTimeout: an INVITE without a final answer this long after it
	// was sent is cancelled and tried on the next MCP.
	InviteTimeout time.Duration `mapstructure:"invite_timeout"`
	MaxAttempts   int           `mapstructure:"max_attempts"` // MCPs tried per INVITE
	// DialogTimeout forgets a dialog with no request for this long (a lost
	// BYE), so its call stops counting against the MCP.
	DialogTimeout time.Duration `mapstructure:"dialog_timeout"`
	// DrainTimeout: on shutdown, new INVITEs get 503 and dialogs in
	// progress are served for up to this long.
	DrainTimeout time.Duration `mapstructure:"drain_timeout"`
}

// RMHealth is the OPTIONS health check of every MCP.
type RMHealth struct {
	Interval  time.Duration `mapstructure:"interval"`   // 0: no checks, every MCP counts as up
	Timeout   time.Duration `mapstructure:"timeout"`    // per OPTIONS, at most Interval
	DownAfter int           `mapstructure:"down_after"` // consecutive failures that take an MCP out
	UpAfter   int           `mapstructure:"up_after"`   // consecutive successes that bring it back
}

// RMGroup is a resource group: MCPs that serve the same tenants, and the
// policy for legs without a conference or recorder id.
type RMGroup struct {
	Name   string   `mapstructure:"name"`
	Policy string   `mapstructure:"policy"` // see Policies()
	MCPs   []RMNode `mapstructure:"mcps"`
}

// RMNode is one MCP.
type RMNode struct {
	Address  string `mapstructure:"address"`  // host:port of its SIP listener
	Capacity int    `mapstructure:"capacity"` // calls it takes; also its weight
	// Transport to the MCP: udp, tcp or tls; empty: the transport the
	// request came in on.
	Transport string `mapstructure:"transport"`
	// Admin is the base URL of its admin listener (http://10.0.0.5:8070),
	// which the cluster console reads; empty: the console shows only what
	// SIP tells reel-rm.
	Admin string `mapstructure:"admin"`
}

// RMTenant holds one tenant's profile rules (docs/wire.md §1.1).
type RMTenant struct {
	Group          string            `mapstructure:"group"`           // empty: the first group
	DefaultProfile string            `mapstructure:"default_profile"` // empty: the global default
	RecordProfile  string            `mapstructure:"record_profile"`  // for media-service=record
	Geo            map[string]string `mapstructure:"geo"`             // X-Genesys-geo-location → profile
	ProfileIDs     map[string]string `mapstructure:"profile_ids"`     // X-Genesys-gsw-ivr-profile-id → profile
	// IVR maps a dialed number (the Request-URI's user part) to the IVR
	// application a plain INVITE to it runs (GVP's IVR profile).
	IVR map[string]RMIVR `mapstructure:"ivr"`
}

// RMIVR is an IVR profile: the application a dialed number runs.
type RMIVR struct {
	URL         string `mapstructure:"url"`         // the initial page (GVP initial-page-url), http(s)
	Profile     string `mapstructure:"profile"`     // recording profile; empty: the tenant's rules
	Application string `mapstructure:"application"` // SIP Server's application name, into the metadata
}

// Policies, for RMGroup.Policy.
const (
	PolicyRoundRobin = "round-robin"
	PolicyLeastCalls = "least-calls"
	PolicyWeighted   = "weighted"
)

// Policies returns the names groups[].policy accepts.
func Policies() []string { return []string{PolicyRoundRobin, PolicyLeastCalls, PolicyWeighted} }

// Defaults of reel-rm that flags show in their help.
const (
	DefaultRMSIPListen    = "0.0.0.0:5060"
	DefaultRMSIPTLSListen = "0.0.0.0:5061"
	DefaultRMHTTPListen   = "127.0.0.1:8060"
	DefaultRMCapacity     = 500
)

// DefaultRM returns reel-rm's embedded default: one group with the reel-mcp
// of the same host (its default SIP port), no tenants.
func DefaultRM() RM {
	return RM{
		SIP: RMSIP{Listen: DefaultRMSIPListen, Transports: []string{"udp", "tcp"}, UserAgent: "reel-rm",
			TLS: core.SIPTLS{Listen: DefaultRMSIPTLSListen}, Admission: core.DefaultAdmission()},
		HTTP: core.HTTP{Listen: DefaultRMHTTPListen},
		Proxy: RMProxy{FailoverTimeout: time.Second, InviteTimeout: 32 * time.Second, MaxAttempts: 3,
			DialogTimeout: 12 * time.Hour, DrainTimeout: 5 * time.Minute},
		Health:         RMHealth{Interval: 5 * time.Second, Timeout: 2 * time.Second, DownAfter: 3, UpAfter: 2},
		DefaultProfile: "default",
		Groups:         []RMGroup{localGroup()},
		Log:            core.Log{Level: "info", Format: "text"},
	}
}

// localGroup is the default group: the reel-mcp of this host, on its
// default SIP port and admin listener.
func localGroup() RMGroup {
	g := MCPGroup("127.0.0.1:5070")
	g.MCPs[0].Admin = "http://127.0.0.1:8070"
	return g
}

// MCPGroup returns the group "default" with the default policy and
// capacity for the given MCP addresses (what --mcps builds).
func MCPGroup(addrs ...string) RMGroup {
	g := RMGroup{Name: "default", Policy: PolicyLeastCalls}
	for _, a := range addrs {
		g.MCPs = append(g.MCPs, RMNode{Address: a, Capacity: DefaultRMCapacity})
	}
	return g
}
