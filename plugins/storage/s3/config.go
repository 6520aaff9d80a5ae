package s3

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/reel-project/reel/internal/secret"
	"github.com/reel-project/reel/plugins/sdk"
)

// Size limits of the S3 API.
const (
	MiB         = 1 << 20
	minPartSize = 5 * MiB  // every part but the last
	maxPartSize = 5 << 30  // 5 GiB, also the largest single PUT
	maxParts    = 10000    // parts per multipart upload
	defaultPart = 16 * MiB // part_size and multipart_threshold default
	awsSuffix   = ".amazonaws.com"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	// Destination is "S3:bucket[/prefix]"; an alternative to Bucket + Prefix.
	Destination string `json:"destination"`
	// Endpoint is the server's base URL; default https://s3.<region>.amazonaws.com.
	Endpoint string `json:"endpoint"`
	// CAFile is a PEM bundle trusted for an https endpoint instead of the system's.
	CAFile string `json:"ca_file"`
	// Region is the SigV4 signing region.
	Region string `json:"region"`
	// AccessKey and SecretKey, or files holding them (trailing newline ignored).
	AccessKey     string `json:"access_key"`
	AccessKeyFile string `json:"access_key_file"`
	SecretKey     string `json:"secret_key"`
	SecretKeyFile string `json:"secret_key_file"`
	// Bucket and Prefix: objects are <prefix>/<recording id>/<name>.
	Bucket string `json:"bucket"`
	Prefix string `json:"prefix"`
	// PathStyle addresses <endpoint>/<bucket>/<key> instead of
	// <bucket>.<endpoint host>/<key>; default true except on AWS.
	PathStyle *bool `json:"path_style"`
	// PartSize is the multipart part size in bytes (5 MiB … 5 GiB).
	PartSize int64 `json:"part_size"`
	// MultipartThreshold: objects of this size or larger are uploaded in parts.
	MultipartThreshold int64 `json:"multipart_threshold"`
}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config {
	return Config{Region: "us-east-1", PartSize: defaultPart, MultipartThreshold: defaultPart}
}

// ParseConfig decodes raw over the defaults, rejecting unknown keys, splits
// destination into bucket and prefix, fills the defaults that depend on
// other keys, and validates the result. It reads no file.
func ParseConfig(raw json.RawMessage) (Config, error) {
	cfg := DefaultConfig()
	if err := sdk.DecodeConfig(raw, &cfg); err != nil {
		return Config{}, err
	}
	if err := cfg.resolve(); err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// resolve applies destination, the AWS endpoint and the path style default.
func (c *Config) resolve() error {
	if c.Destination != "" {
		if c.Bucket != "" || c.Prefix != "" {
			return sdk.ConfigErrorf("destination", "give either destination or bucket and prefix, not both")
		}
		d, err := ParseDestination(c.Destination)
		if err != nil {
			return sdk.ConfigErrorf("destination", "%v", err)
		}
		c.Bucket, c.Prefix = d.Bucket, d.Prefix
	}
	if c.Endpoint == "" && validRegion(c.Region) {
		c.Endpoint = "https://s3." + c.Region + awsSuffix
	}
	if c.PathStyle == nil {
		u, _ := url.Parse(c.Endpoint)
		aws := u != nil && strings.HasSuffix(u.Hostname(), awsSuffix)
		c.PathStyle = &[]bool{!aws}[0]
	}
	return nil
}

// Validate checks every key and names the first bad one.
func (c Config) Validate() error {
	checks := []func() error{c.validateEndpoint, c.validateCredentials, c.validateLocation, c.validateSizes}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) validateEndpoint() error {
	if !validRegion(c.Region) {
		return sdk.ConfigErrorf("region", "must be letters, digits and dashes, got %q", c.Region)
	}
	u, err := url.Parse(c.Endpoint)
	switch {
	case err != nil:
		return sdk.ConfigErrorf("endpoint", "%v", err)
	case u.Scheme != "http" && u.Scheme != "https":
		return sdk.ConfigErrorf("endpoint", "must be an http or https URL, got %q", c.Endpoint)
	case u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
		return sdk.ConfigErrorf("endpoint", "must be scheme://host[:port] only, got %q", c.Endpoint)
	case c.CAFile != "" && u.Scheme != "https":
		return sdk.ConfigErrorf("ca_file", "needs an https endpoint")
	}
	return nil
}

func (c Config) validateCredentials() error {
	if err := oneOf("access_key", c.AccessKey, c.AccessKeyFile); err != nil {
		return err
	}
	return oneOf("secret_key", c.SecretKey, c.SecretKeyFile)
}

// oneOf requires exactly one of key and key_file.
func oneOf(key, value, file string) error {
	switch {
	case value == "" && file == "":
		return sdk.ConfigErrorf(key, "is required (or %s_file)", key)
	case value != "" && file != "":
		return sdk.ConfigErrorf(key, "give %s or %s_file, not both", key, key)
	}
	return nil
}

func (c Config) validateLocation() error {
	if err := checkBucket(c.Bucket); err != nil {
		return sdk.ConfigErrorf("bucket", "%v", err)
	}
	if err := checkPrefix(c.Prefix); err != nil {
		return sdk.ConfigErrorf("prefix", "%v", err)
	}
	if c.PathStyle != nil && !*c.PathStyle && strings.Contains(c.Bucket, ".") {
		return sdk.ConfigErrorf("path_style", "must be true for bucket %q: a dotted bucket breaks virtual-host TLS", c.Bucket)
	}
	return nil
}

func (c Config) validateSizes() error {
	if c.PartSize < minPartSize || c.PartSize > maxPartSize {
		return sdk.ConfigErrorf("part_size", "must be between %d and %d bytes, got %d", minPartSize, maxPartSize, c.PartSize)
	}
	if c.MultipartThreshold < minPartSize || c.MultipartThreshold > maxPartSize {
		return sdk.ConfigErrorf("multipart_threshold", "must be between %d and %d bytes, got %d", minPartSize, maxPartSize, c.MultipartThreshold)
	}
	return nil
}

func validRegion(r string) bool {
	if r == "" || len(r) > 64 {
		return false
	}
	for _, ch := range r {
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
			return false
		}
	}
	return true
}

// credentials returns the access and secret key, reading the files.
func (c Config) credentials() (access, secret string, err error) {
	if access, err = keyOrFile("access_key", c.AccessKey, c.AccessKeyFile); err != nil {
		return "", "", err
	}
	secret, err = keyOrFile("secret_key", c.SecretKey, c.SecretKeyFile)
	return access, secret, err
}

func keyOrFile(key, value, file string) (string, error) {
	if value != "" {
		return value, nil
	}
	v, err := secret.ReadLine(file)
	if err != nil {
		return "", sdk.ConfigErrorf(key+"_file", "%v", err)
	}
	return v, nil
}
