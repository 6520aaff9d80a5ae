package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestPluginsAndProfilesAreReadFromTheFile(t *testing.T) {
	path := writeConfig(t, `
plugins:
  - name: dav
    kinds: [storage]
    binary: reel-plugin-storage-webdav
    config: {url: "https://dav.example.com", dir: "${data_dir}/x"}
  - name: localdir
    kinds: [storage, metadata]
profiles:
  default:
    storage: [localdir]
  gold:
    tenant: acme
    formats: [wav-pcmu]
    storage: [dav, localdir]
    metadata: [localdir]
    rp: {campaign: spring}
    encryption:
      certificates: [/etc/reel/acme-2026.pem, /etc/reel/acme-2027.pem]
      cipher: aes-256-gcm
      analytics_plaintext: true
    record_from: first-audio
    srtp: required
`)
	c, err := Load(path, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Plugins) != 2 || c.Plugins[0].Binary != "reel-plugin-storage-webdav" || c.Plugins[0].Config["url"] != "https://dav.example.com" {
		t.Errorf("plugins = %+v", c.Plugins)
	}
	if got := c.PluginConfig(c.Plugins[0])["dir"]; got != c.DataDir+"/x" {
		t.Errorf("${data_dir} expanded to %v", got)
	}
	gold := c.Profiles["gold"]
	want := []string{"storage/dav", "storage/localdir", "metadata/localdir"}
	if e := gold.Encryption; e == nil || len(e.Certificates) != 2 || e.Cipher != "aes-256-gcm" || e.KeyTransport != "" || !e.AnalyticsPlaintext {
		t.Errorf("gold.encryption = %+v", e)
	}
	if gold.Tenant != "acme" || gold.RP["campaign"] != "spring" || gold.RecordFrom != RecordFromFirstAudio || gold.SRTP != "required" || !reflect.DeepEqual(gold.Targets(), want) {
		t.Errorf("gold = %+v, targets %v", gold, gold.Targets())
	}
}

func TestBadPluginsAndProfilesNameTheKey(t *testing.T) {
	for _, tt := range []struct{ name, body, key string }{
		{"unknown key in an entry", "plugins:\n  - name: localdir\n    kinds: [storage]\n    bucket: b\n", "bucket"},
		{"no binary and not built in", "plugins:\n  - name: dav\n    kinds: [storage]\nprofiles:\n  default:\n    storage: [dav]\n", "plugins[0].binary"},
		{"unknown kind", "plugins:\n  - name: localdir\n    kinds: [video]\n", "plugins[0].kinds"},
		{"profile names a missing plugin", "profiles:\n  default:\n    storage: [nope]\n", "profiles.default.storage"},
		{"no default profile", "profiles:\n  gold:\n    storage: [localdir]\n", "profiles"},
		{"unknown srtp policy", "profiles:\n  default:\n    storage: [localdir]\n    srtp: mandatory\n", "profiles.default.srtp"},
		{"encryption without certificates", "profiles:\n  default:\n    storage: [localdir]\n    encryption: {cipher: aes-256-gcm}\n", "profiles.default.encryption.certificates"},
		{"unknown cipher", "profiles:\n  default:\n    storage: [localdir]\n    encryption: {certificates: [a.pem], cipher: des}\n", "profiles.default.encryption.cipher"},
		{"unknown key transport", "profiles:\n  default:\n    storage: [localdir]\n    encryption: {certificates: [a.pem], key_transport: rsa}\n", "profiles.default.encryption.key_transport"},
		{"unknown encryption key", "profiles:\n  default:\n    storage: [localdir]\n    encryption: {certificates: [a.pem], plaintext: true}\n", "plaintext"},
		{"unknown record_from", "profiles:\n  default:\n    storage: [localdir]\n    record_from: ringing\n", "profiles.default.record_from"},
		{"a siprec_left that is not a regular expression", "profiles:\n  default:\n    storage: [localdir]\n    siprec_left: \"(\"\n", "profiles.default.siprec_left"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := loadErr(t, tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Errorf("Load = %v, want an error naming %s", err, tt.key)
			}
		})
	}
}

// TestProfileAndRPNamesKeepTheirCaseAndDots: blocks are decoded without
// viper, which lower-cased map keys and split them at dots.
func TestProfileAndRPNamesKeepTheirCaseAndDots(t *testing.T) {
	c, err := Load(writeConfig(t, `
profiles:
  default:
    storage: [localdir]
  Gold.EU:
    storage: [localdir]
    rp: {CampaignID: spring}
`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	gold, ok := c.Profiles["Gold.EU"]
	if !ok || gold.RP["CampaignID"] != "spring" {
		t.Errorf("profiles = %+v, want Gold.EU with rp CampaignID", c.Profiles)
	}
}

func TestAPluginConfigKeepsItsYAMLTypes(t *testing.T) {
	c, err := Load(writeConfig(t, `
plugins:
  - name: localdir
    kinds: [storage, metadata]
    config: {dir: /x, fsync: true, depth: 3, tags: [a, b]}
`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Plugins[0].Config
	if got["fsync"] != true || got["depth"] != 3 || !reflect.DeepEqual(got["tags"], []any{"a", "b"}) {
		t.Errorf("config = %#v, want the YAML's bool, int and list", got)
	}
}
