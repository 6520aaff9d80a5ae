package config

import (
	"fmt"
	"log/slog"
	"net/netip"
	"slices"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
)

// SIPTLS is the SIP-over-TLS listener, on when sip.transports lists "tls".
// Files are PEM; they are re-read when they change and on SIGHUP.
type SIPTLS struct {
	Listen   string `mapstructure:"listen"`    // host:port of the TLS listener
	CertFile string `mapstructure:"cert_file"` // certificate chain, leaf first
	KeyFile  string `mapstructure:"key_file"`  // its private key (not world-readable)
	// CAFile holds the CAs trusted to sign peers: servers this side connects
	// to over TLS and, with verify_clients, clients. Empty: the system's.
	CAFile        string `mapstructure:"ca_file"`
	VerifyClients bool   `mapstructure:"verify_clients"` // mutual TLS
	// Allow replaces sip.admission.allow for the TLS listener when set.
	Allow []string `mapstructure:"allow"`
}

// SIPAdmission is who may talk to the SIP listener.
type SIPAdmission struct {
	// Allow lists the source prefixes (CIDR, or single addresses) served;
	// empty: every source.
	Allow []string `mapstructure:"allow"`
	// Refuse is the answer to a source not allowed: "403", or "silence"
	// (nothing; a TCP or TLS connection is closed at once).
	Refuse string `mapstructure:"refuse"`
	// InviteRate is the new INVITEs per second one source address may send
	// on average (0: no limit), InviteBurst how many at once; beyond them:
	// 503 with Retry-After.
	InviteRate  int `mapstructure:"invite_rate"`
	InviteBurst int `mapstructure:"invite_burst"`
}

// Refusals, for SIPAdmission.Refuse.
const (
	Refuse403     = "403"
	RefuseSilence = "silence"
)

// DefaultAdmission admits everyone without limit.
func DefaultAdmission() SIPAdmission { return SIPAdmission{Refuse: Refuse403, InviteBurst: 20} }

// TLSOn reports whether sip.transports lists "tls".
func TLSOn(transports []string) bool { return slices.Contains(transports, "tls") }

// Check returns the problems of sip.tls (only when TLS is on).
func (t SIPTLS) Check(on bool) []error {
	if !on {
		return nil
	}
	errs := CheckListen("sip.tls.listen", t.Listen)
	if t.CertFile == "" || t.KeyFile == "" {
		errs = append(errs, invalid("sip.tls.cert_file", "sip.transports lists tls: sip.tls.cert_file and sip.tls.key_file are required"))
	}
	if t.VerifyClients && t.CAFile == "" {
		errs = append(errs, invalid("sip.tls.ca_file", "sip.tls.verify_clients needs the CAs that sign clients"))
	}
	if _, err := admit.ParsePrefixes("sip.tls.allow", t.Allow); err != nil {
		errs = append(errs, invalid("sip.tls.allow", "%v", err))
	}
	return errs
}

// Files are the PEM files of the TLS listener.
func (t SIPTLS) Files() siptls.Files {
	return siptls.Files{Cert: t.CertFile, Key: t.KeyFile, CA: t.CAFile, VerifyClients: t.VerifyClients}
}

// Check returns the problems of sip.admission.
func (a SIPAdmission) Check() []error {
	var errs []error
	if _, err := admit.ParsePrefixes("sip.admission.allow", a.Allow); err != nil {
		errs = append(errs, invalid("sip.admission.allow", "%v", err))
	}
	if a.Refuse != Refuse403 && a.Refuse != RefuseSilence {
		errs = append(errs, invalid("sip.admission.refuse", "%q: want %s or %s", a.Refuse, Refuse403, RefuseSilence))
	}
	if a.InviteRate < 0 {
		errs = append(errs, invalid("sip.admission.invite_rate", "%d is negative", a.InviteRate))
	}
	if a.InviteBurst < 1 {
		errs = append(errs, invalid("sip.admission.invite_burst", "%d: want at least 1", a.InviteBurst))
	}
	return errs
}

// Gate builds the admission gate of a listener with TLS settings t.
func (a SIPAdmission) Gate(t SIPTLS, opts admit.Config) (*admit.Gate, error) {
	var err error
	if opts.Allow, err = admit.ParsePrefixes("sip.admission.allow", a.Allow); err != nil {
		return nil, err
	}
	if len(t.Allow) > 0 {
		tlsAllow, err := admit.ParsePrefixes("sip.tls.allow", t.Allow)
		if err != nil {
			return nil, err
		}
		opts.AllowTransport = map[string][]netip.Prefix{"TLS": tlsAllow}
	}
	opts.Silent = a.Refuse == RefuseSilence
	opts.InviteRate, opts.InviteBurst = float64(a.InviteRate), a.InviteBurst
	return admit.New(opts)
}

// SIPSecurity builds the TLS material (nil when transports do not list
// tls) and the admission gate of a SIP listener; log gets the gate's
// refusals and the TLS reloads.
func SIPSecurity(transports []string, t SIPTLS, a SIPAdmission, log *slog.Logger) (*siptls.TLS, *admit.Gate, error) {
	g, err := a.Gate(t, admit.Config{Log: log})
	if err != nil {
		return nil, nil, err
	}
	if !TLSOn(transports) {
		return nil, g, nil
	}
	mat, err := siptls.New(t.Files(), log)
	if err != nil {
		return nil, nil, fmt.Errorf("sip.tls: %w", err)
	}
	return mat, g, nil
}
