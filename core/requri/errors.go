package requri

import "errors"

// Sentinels, wrapped with details (test with errors.Is). The numbers in
// brackets are the SIP status codes the SIP layer answers with.
var (
	// ErrMalformed is returned for a Request-URI that is not a sip:/sips: URI,
	// is longer than 2048 bytes, has a bad %xx escape, a control character, an
	// empty or over-long id, or a bad host or port. [400]
	ErrMalformed = errors.New("requri: malformed Request-URI")
	// ErrNotReel is returned for a valid SIP URI whose user part has neither
	// the msml= nor the record= prefix (e.g. sip:7001@host). [404]
	ErrNotReel = errors.New("requri: not a Reel Request-URI")
)
