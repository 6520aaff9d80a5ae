package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/reel-project/reel/core/sdp"
)

// DefaultProfile is the profile used when a call names none, or an
// unknown one.
const DefaultProfile = "default"

// Profile is a recording profile (the Genesys IVR Profile of a tenant):
// what to record and where to deliver it.
type Profile struct {
	Tenant    string            `mapstructure:"tenant"`    // the document's tenant when the Request-URI has none
	Formats   []string          `mapstructure:"formats"`   // empty: recording.formats
	Storage   []string          `mapstructure:"storage"`   // plugin names
	Metadata  []string          `mapstructure:"metadata"`  // plugin names
	Analytics []string          `mapstructure:"analytics"` // plugin names
	RP        map[string]string `mapstructure:"rp"`        // echoed into metadata as rp.<key>
	// Encryption, when set, makes every file leave reel-mcp as a CMS
	// envelope for the certificates (docs/decisions/0036, 0037).
	Encryption *Encryption `mapstructure:"encryption"`
	// RecordFrom is when a conference leg's ;record starts its recording:
	// RecordFromDialogstart ("" too) or RecordFromFirstAudio.
	RecordFrom string `mapstructure:"record_from"`
	// SIPRECLeft is a regular expression on SIPREC participant AORs: the
	// first participant it matches is recorded on the left channel; empty:
	// the sender of the first m-line.
	SIPRECLeft string `mapstructure:"siprec_left"`
	// SRTP is the media security of the profile's call legs: SRTPOptional
	// ("" too), SRTPRequired or SRTPOff (core/sdp.ParseSRTP).
	SRTP string `mapstructure:"srtp"`
}

// Encryption is a profile's (tenant's) encryption.
type Encryption struct {
	Certificates []string `mapstructure:"certificates"`  // PEM files, re-read when they change
	Cipher       string   `mapstructure:"cipher"`        // "aes-256-cbc" (empty) or "aes-256-gcm"
	KeyTransport string   `mapstructure:"key_transport"` // "rsa-oaep" (empty) or "rsa-pkcs1v15"
	// AnalyticsPlaintext sends the analytics destinations the plaintext
	// (a trusted sink); storage still gets the envelopes.
	AnalyticsPlaintext bool `mapstructure:"analytics_plaintext"`
}

// Ciphers and KeyTransports are the values Encryption accepts ("" is the first).
var (
	Ciphers       = []string{"aes-256-cbc", "aes-256-gcm"}
	KeyTransports = []string{"rsa-oaep", "rsa-pkcs1v15"}
)

func validateEncryption(name string, e *Encryption) []error {
	if e == nil {
		return nil
	}
	var errs []error
	key := "profiles." + name + ".encryption."
	if len(e.Certificates) == 0 {
		errs = append(errs, invalid(key+"certificates", "must name at least one PEM file"))
	}
	if e.Cipher != "" && !slices.Contains(Ciphers, e.Cipher) {
		errs = append(errs, invalid(key+"cipher", "%q is not one of %v", e.Cipher, Ciphers))
	}
	if e.KeyTransport != "" && !slices.Contains(KeyTransports, e.KeyTransport) {
		errs = append(errs, invalid(key+"key_transport", "%q is not one of %v", e.KeyTransport, KeyTransports))
	}
	return errs
}

// Values of Profile.RecordFrom.
const (
	// RecordFromDialogstart: ;record marks the legs whose parties are
	// recorded; the recording starts at the MSML <dialogstart> (the GIR flow).
	RecordFromDialogstart = "dialogstart"
	// RecordFromFirstAudio: a ;record call records from its first audio, for
	// SIP Servers that send no MSML; a later dialogstart takes the recording
	// over (its format cannot change) and the file holds the audio before it.
	RecordFromFirstAudio = "first-audio"
)

// DefaultProfiles is the embedded default: one profile delivering to the
// built-in localdir plugin.
func DefaultProfiles() map[string]Profile {
	return map[string]Profile{DefaultProfile: {Storage: []string{"localdir"}, Metadata: []string{"localdir"}}}
}

// Targets lists the spool destinations of the profile: <kind>/<plugin>.
func (p Profile) Targets() []string {
	var out []string
	for _, k := range []struct {
		kind  string
		names []string
	}{{"storage", p.Storage}, {"metadata", p.Metadata}, {"analytics", p.Analytics}} {
		for _, n := range k.names {
			out = append(out, k.kind+"/"+n)
		}
	}
	return out
}

// validateProfiles checks that a default exists and every plugin named
// is listed with that kind.
func validateProfiles(profiles map[string]Profile, plugins []Plugin) []error {
	var errs []error
	if _, ok := profiles[DefaultProfile]; !ok {
		errs = append(errs, invalid("profiles", "needs a %q profile", DefaultProfile))
	}
	for name, p := range profiles {
		for _, t := range []struct {
			kind  string
			names []string
		}{{"storage", p.Storage}, {"metadata", p.Metadata}, {"analytics", p.Analytics}} {
			for _, n := range t.names {
				if !hasPluginKind(plugins, n, t.kind) {
					errs = append(errs, invalid(fmt.Sprintf("profiles.%s.%s", name, t.kind), "no plugin %q of kind %s", n, t.kind))
				}
			}
		}
		for i, f := range p.Formats {
			if _, ok := formatExt[f]; !ok {
				errs = append(errs, invalid(fmt.Sprintf("profiles.%s.formats[%d]", name, i), "unknown format %q", f))
			}
		}
		errs = append(errs, validateEncryption(name, p.Encryption)...)
		if len(p.Storage) == 0 {
			errs = append(errs, invalid("profiles."+name+".storage", "must name at least one plugin"))
		}
		if _, err := sdp.ParseSRTP(p.SRTP); err != nil {
			errs = append(errs, invalid("profiles."+name+".srtp", "%q: want one of %v", p.SRTP, sdp.SRTPPolicies))
		}
		if r := p.RecordFrom; r != "" && r != RecordFromDialogstart && r != RecordFromFirstAudio {
			errs = append(errs, invalid("profiles."+name+".record_from", "%q: want %s or %s", r, RecordFromDialogstart, RecordFromFirstAudio))
		}
		if _, err := regexp.Compile(p.SIPRECLeft); err != nil {
			errs = append(errs, invalid("profiles."+name+".siprec_left", "%v", err))
		}
	}
	return errs
}

func hasPluginKind(plugins []Plugin, name, kind string) bool {
	for _, p := range plugins {
		if p.Name == name && slices.Contains(p.Kinds, kind) {
			return true
		}
	}
	return false
}

// ValidateDelivery checks a plugins list and profiles together.
func ValidateDelivery(plugins []Plugin, profiles map[string]Profile) error {
	return errors.Join(append(validatePlugins(plugins), validateProfiles(profiles, plugins)...)...)
}
