package tenantcert

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"

	"github.com/reel-project/reel/core/cms"
)

// Cert is one usable recipient certificate.
type Cert struct {
	*x509.Certificate
	// Fingerprint is the lowercase hex SHA-256 of the DER certificate, as
	// `openssl x509 -fingerprint -sha256` prints it without colons.
	Fingerprint string
	Path        string
}

// Parse reads every CERTIFICATE block of PEM data and checks each key. A
// file with no certificate, a block that is not one, or a private key
// (which must never sit beside the public part on a media server) is
// ErrMalformed; a weak key is ErrWeak.
func Parse(path string, data []byte) ([]Cert, error) {
	var out []Cert
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("%w: %s: PEM block %q (only CERTIFICATE blocks belong here)", ErrMalformed, path, block.Type)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, path, err)
		}
		if err := cms.CheckCertificate(c); err != nil {
			return nil, fmt.Errorf("%w: %s: %q: %v", ErrWeak, path, c.Subject.String(), err)
		}
		sum := sha256.Sum256(c.Raw)
		out = append(out, Cert{Certificate: c, Fingerprint: hex.EncodeToString(sum[:]), Path: path})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %s: no PEM certificate", ErrMalformed, path)
	}
	return out, nil
}
