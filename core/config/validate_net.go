package config

import (
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The range of sip.min_se: RFC 4028 forbids less than 90 s.
const (
	MinSessionExpires = 90 * time.Second
	MaxSessionExpires = 24 * time.Hour
)

// transports lists the SIP transports reel-mcp can listen on.
var transports = []string{"udp", "tcp", "tls"}

// Transports returns the names sip.transports accepts.
func Transports() []string { return slices.Clone(transports) }

// Check returns the problems of the sip section, each a *KeyError;
// reel-rm checks the keys it shares with reel-mcp with it too.
func (s SIP) Check() []error {
	errs := CheckListen("sip.listen", s.Listen)
	if len(s.Transports) == 0 {
		errs = append(errs, invalid("sip.transports", "empty, want at least one of %s", strings.Join(transports, ", ")))
	}
	for i, t := range s.Transports {
		key := "sip.transports[" + strconv.Itoa(i) + "]"
		switch {
		case !slices.Contains(transports, t):
			errs = append(errs, invalid(key, "unknown transport %q (want one of %s)", t, strings.Join(transports, ", ")))
		case slices.Index(s.Transports, t) < i:
			errs = append(errs, invalid(key, "%q listed twice", t))
		}
	}
	errs = append(errs, s.TLS.Check(TLSOn(s.Transports))...)
	errs = append(errs, s.Admission.Check()...)
	if strings.ContainsFunc(s.UserAgent, isControl) {
		errs = append(errs, invalid("sip.user_agent", "%q contains control characters", s.UserAgent))
	}
	if s.MaxBodyBytes < MinBodyBytes || s.MaxBodyBytes > MaxBodyBytes {
		errs = append(errs, invalid("sip.max_body_bytes", "%d out of range %d–%d", s.MaxBodyBytes, MinBodyBytes, MaxBodyBytes))
	}
	if s.SessionTimers && (s.MinSE < MinSessionExpires || s.MinSE > MaxSessionExpires || s.MinSE%time.Second != 0) {
		errs = append(errs, invalid("sip.min_se", "%v: want whole seconds from %v to %v", s.MinSE, MinSessionExpires, MaxSessionExpires))
	}
	return errs
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// CheckListen accepts "host:port" where host is empty, "localhost" or an IP
// address and port is 0–65535 (0: any free port, for tests).
func CheckListen(key, addr string) []error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return []error{invalid(key, "%q is not host:port: %v", addr, err)}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return []error{invalid(key, "%q: port %q is not a number 0–65535", addr, port)}
	}
	if host == "" || host == "localhost" {
		return nil
	}
	if _, err := netip.ParseAddr(host); err != nil {
		return []error{invalid(key, "%q: host %q is not an IP address", addr, host)}
	}
	return nil
}

func (r RTP) validate(maxCalls int) []error {
	var errs []error
	if a, err := netip.ParseAddr(r.BindIP); err != nil || a.Zone() != "" {
		errs = append(errs, invalid("rtp.bind_ip", "%q is not an IP address", r.BindIP))
	}
	if r.AdvertiseIP != "" {
		if a, err := netip.ParseAddr(r.AdvertiseIP); err != nil || a.IsUnspecified() || a.IsMulticast() || a.Zone() != "" {
			errs = append(errs, invalid("rtp.advertise_ip", "%q is not a unicast IP address", r.AdvertiseIP))
		}
	}
	return append(errs, r.validatePorts(maxCalls)...)
}

func (r RTP) validatePorts(maxCalls int) []error {
	switch {
	case r.PortMin < MinPort || r.PortMin > 65534:
		return []error{invalid("rtp.port_min", "%d out of range %d–65534", r.PortMin, MinPort)}
	case r.PortMin%2 != 0:
		return []error{invalid("rtp.port_min", "%d is odd: RTP uses even ports, RTCP the next one", r.PortMin)}
	case r.PortMax > 65535 || r.PortMax <= r.PortMin:
		return []error{invalid("rtp.port_max", "%d out of range %d–65535", r.PortMax, r.PortMin+1)}
	}
	pairs := r.Pairs()
	if need := maxCalls * PortPairsPerCall; maxCalls > 0 && pairs < need {
		return []error{invalid("rtp.port_max", "range %d–%d has %d RTP/RTCP port pairs, capacity.max_calls %d needs %d (%d per call)",
			r.PortMin, r.PortMax, pairs, maxCalls, need, PortPairsPerCall)}
	}
	return nil
}

// Pairs is the number of RTP/RTCP port pairs in [PortMin, PortMax].
func (r RTP) Pairs() int { return (r.PortMax - r.PortMin + 1) / 2 }
