package config

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	core "github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/configload"
)

// Limits checked by RM.Validate.
const (
	MinFailoverTimeout = 10 * time.Millisecond
	MaxInviteTimeout   = 5 * time.Minute
	MaxAttempts        = 10
	MinDialogTimeout   = time.Second
	MinHealthInterval  = 50 * time.Millisecond
	MaxHealthCount     = 100
)

// profileNamePattern is what a profile name may be: it travels in the
// Request-URI (reel-profile=<name>) and may name files and config blocks.
var profileNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidProfileName reports whether s can name a recording profile.
func ValidProfileName(s string) bool { return profileNamePattern.MatchString(s) }

// Validate checks every key of reel-rm's configuration and returns all
// problems joined; each is a *KeyError naming its key.
func (c RM) Validate() error {
	var errs []error
	add := func(list ...error) { errs = append(errs, list...) }
	add(c.SIP.validate()...)
	add(core.CheckListen("http.listen", c.HTTP.Listen)...)
	add(c.Proxy.validate()...)
	add(c.Health.validate()...)
	add(checkProfile("default_profile", c.DefaultProfile)...)
	add(validateGroups(c.Groups)...)
	add(checkTLSNodes(c.SIP.Transports, c.Groups)...)
	add(validateTenants(c.Tenants, c.Groups)...)
	add(c.Log.Check()...)
	return errors.Join(errs...)
}

func (s RMSIP) validate() []error {
	errs := core.SIP{Listen: s.Listen, Transports: s.Transports, UserAgent: s.UserAgent, MaxBodyBytes: core.MinBodyBytes,
		TLS: s.TLS, Admission: s.Admission}.Check()
	if s.Advertise != "" && !isHostName(s.Advertise) {
		errs = append(errs, configload.Invalid("sip.advertise", "%q is not a host name or IP address", s.Advertise))
	}
	return errs
}

// isHostName accepts an IP address or a DNS name.
func isHostName(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	if len(h) > 253 || h == "" {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return false
		}
	}
	return true
}

func (p RMProxy) validate() []error {
	var errs []error
	if p.FailoverTimeout < MinFailoverTimeout || p.FailoverTimeout > p.InviteTimeout {
		errs = append(errs, configload.Invalid("proxy.failover_timeout", "%s out of range %s–%s (proxy.invite_timeout)", p.FailoverTimeout, MinFailoverTimeout, p.InviteTimeout))
	}
	if p.InviteTimeout > MaxInviteTimeout {
		errs = append(errs, configload.Invalid("proxy.invite_timeout", "%s, at most %s", p.InviteTimeout, MaxInviteTimeout))
	}
	if p.MaxAttempts < 1 || p.MaxAttempts > MaxAttempts {
		errs = append(errs, configload.Invalid("proxy.max_attempts", "%d out of range 1–%d", p.MaxAttempts, MaxAttempts))
	}
	if p.DialogTimeout < MinDialogTimeout {
		errs = append(errs, configload.Invalid("proxy.dialog_timeout", "%s, at least %s", p.DialogTimeout, MinDialogTimeout))
	}
	if p.DrainTimeout < 0 {
		errs = append(errs, configload.Invalid("proxy.drain_timeout", "%s is negative", p.DrainTimeout))
	}
	return errs
}

func (h RMHealth) validate() []error {
	var errs []error
	if h.Interval != 0 && h.Interval < MinHealthInterval {
		errs = append(errs, configload.Invalid("health.interval", "%s, want 0 (off) or at least %s", h.Interval, MinHealthInterval))
	}
	if h.Timeout <= 0 || (h.Interval > 0 && h.Timeout > h.Interval) {
		errs = append(errs, configload.Invalid("health.timeout", "%s out of range (0, health.interval]", h.Timeout))
	}
	if h.DownAfter < 1 || h.DownAfter > MaxHealthCount {
		errs = append(errs, configload.Invalid("health.down_after", "%d out of range 1–%d", h.DownAfter, MaxHealthCount))
	}
	if h.UpAfter < 1 || h.UpAfter > MaxHealthCount {
		errs = append(errs, configload.Invalid("health.up_after", "%d out of range 1–%d", h.UpAfter, MaxHealthCount))
	}
	return errs
}

func validateGroups(groups []RMGroup) []error {
	if len(groups) == 0 {
		return []error{configload.Invalid("groups", "empty, want at least one group of MCPs")}
	}
	var errs []error
	names, addrs := map[string]bool{}, map[string]string{}
	for i, g := range groups {
		key := "groups[" + strconv.Itoa(i) + "]"
		switch {
		case g.Name == "":
			errs = append(errs, configload.Invalid(key+".name", "empty"))
		case names[g.Name]:
			errs = append(errs, configload.Invalid(key+".name", "%q used twice", g.Name))
		}
		names[g.Name] = true
		if !slices.Contains(Policies(), g.Policy) {
			errs = append(errs, configload.Invalid(key+".policy", "unknown policy %q (want one of %s)", g.Policy, strings.Join(Policies(), ", ")))
		}
		errs = append(errs, validateNodes(key, g.MCPs, addrs)...)
	}
	return errs
}

func validateNodes(gkey string, nodes []RMNode, seen map[string]string) []error {
	if len(nodes) == 0 {
		return []error{configload.Invalid(gkey+".mcps", "empty, want at least one MCP")}
	}
	var errs []error
	for i, n := range nodes {
		key := fmt.Sprintf("%s.mcps[%d]", gkey, i)
		if err := checkHostPort(n.Address); err != nil {
			errs = append(errs, configload.Invalid(key+".address", "%v", err))
		} else if prev, dup := seen[n.Address]; dup {
			errs = append(errs, configload.Invalid(key+".address", "%q already listed at %s", n.Address, prev))
		}
		seen[n.Address] = key
		if n.Capacity < 1 {
			errs = append(errs, configload.Invalid(key+".capacity", "%d, want at least 1", n.Capacity))
		}
		if u, err := url.Parse(n.Admin); n.Admin != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			errs = append(errs, configload.Invalid(key+".admin", "%q is not an http:// or https:// base URL", n.Admin))
		}
		if n.Transport != "" && !slices.Contains(core.Transports(), n.Transport) {
			errs = append(errs, configload.Invalid(key+".transport", "unknown transport %q (want one of %s, or empty)",
				n.Transport, strings.Join(core.Transports(), ", ")))
		}
	}
	return errs
}

// checkTLSNodes: an MCP reached over TLS needs the proxy's TLS listener,
// where the MCP's in-dialog requests come back, and its certificate.
func checkTLSNodes(transports []string, groups []RMGroup) []error {
	if core.TLSOn(transports) {
		return nil
	}
	var errs []error
	for i, g := range groups {
		for j, n := range g.MCPs {
			if n.Transport == "tls" {
				errs = append(errs, configload.Invalid(fmt.Sprintf("groups[%d].mcps[%d].transport", i, j),
					"tls needs sip.transports to list tls (the MCP's requests come back over it)"))
			}
		}
	}
	return errs
}

// checkHostPort accepts host:port with a host name or IP and a port 1–65535.
func checkHostPort(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q: port %q is not a number 1–65535", addr, port)
	}
	if !isHostName(host) {
		return fmt.Errorf("%q: bad host %q", addr, host)
	}
	return nil
}

func validateTenants(tenants map[string]RMTenant, groups []RMGroup) []error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(tenants)) {
		t, key := tenants[name], "tenants."+name
		if t.Group != "" && !slices.ContainsFunc(groups, func(g RMGroup) bool { return g.Name == t.Group }) {
			errs = append(errs, configload.Invalid(key+".group", "%q names no group", t.Group))
		}
		if t.DefaultProfile != "" {
			errs = append(errs, checkProfile(key+".default_profile", t.DefaultProfile)...)
		}
		if t.RecordProfile != "" {
			errs = append(errs, checkProfile(key+".record_profile", t.RecordProfile)...)
		}
		for _, m := range []struct {
			sub string
			m   map[string]string
		}{{".geo.", t.Geo}, {".profile_ids.", t.ProfileIDs}} {
			for _, k := range slices.Sorted(maps.Keys(m.m)) {
				errs = append(errs, checkProfile(key+m.sub+k, m.m[k])...)
			}
		}
		errs = append(errs, validateIVR(key+".ivr.", t.IVR)...)
	}
	return errs
}

// validateIVR checks a tenant's IVR profiles: an absolute http(s) URL and
// a valid recording profile name.
func validateIVR(key string, ivr map[string]RMIVR) []error {
	var errs []error
	for _, num := range slices.Sorted(maps.Keys(ivr)) {
		p := ivr[num]
		if u, err := url.Parse(p.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, configload.Invalid(key+num+".url", "%q: want an http(s) URL of the initial page", p.URL))
		}
		if p.Profile != "" {
			errs = append(errs, checkProfile(key+num+".profile", p.Profile)...)
		}
	}
	return errs
}

func checkProfile(key, name string) []error {
	if !ValidProfileName(name) {
		return []error{configload.Invalid(key, "%q is not a profile name (letters, digits, '.', '_', '-'; at most 64)", name)}
	}
	return nil
}
