package sipua

import (
	"context"
	"net/netip"
)

// Media is the media side of reel-mcp as the UA sees it (core/app adapts the
// conference engine onto it). Its methods are called concurrently, one
// goroutine per SIP request.
type Media interface {
	// Open is called for an initial INVITE that passed the UA's checks; it
	// checks the Request-URI (ErrNotOurs → 404) and creates the leg. ctx is
	// cancelled if the INVITE is CANCELled while Open runs. The offer, if
	// any, goes to the Leg's Answer right after Open returns.
	Open(ctx context.Context, inv Invite) (Leg, error)
	// Available reports whether new calls can be accepted; false answers
	// out-of-dialog OPTIONS with 503 (health checks). INVITEs are admitted
	// or refused by Open, which knows whether they start a new call.
	Available() bool
}

// Leg is one party's media session: the SDP side of one dialog.
//
// The UA calls the methods of one Leg one at a time, never concurrently,
// and Close exactly once, last, whatever ended the dialog (BYE either way,
// CANCEL, no ACK, a rejected answer, shutdown). Byte slices passed in are the
// Leg's to keep; returned slices are sent as they are and not modified.
type Leg interface {
	// Answer answers the remote party's offer (initial INVITE, or re-INVITE
	// for a transfer or hold: address, port, codec and SSRC may change).
	// A body that is not application/sdp goes to BodyLeg.AnswerBody instead.
	Answer(offer []byte) (answer []byte, err error)
	// Offer makes our offer for an INVITE or re-INVITE without SDP; it goes
	// in the 200 OK and the answer comes to Accept (RFC 3725 flow I).
	Offer() (offer []byte, err error)
	// Accept takes the answer that arrived in the ACK. An error ends the
	// dialog with a BYE.
	Accept(answer []byte) error
	// Close releases the leg; reason is one of the Reason constants.
	Close(reason string)
}

// BodyLeg is a Leg that also takes offers in multipart/mixed bodies: a
// SIPREC recording session (RFC 7866), whose offer is SDP plus recording
// metadata. The UA calls AnswerBody instead of Answer for such a body
// (415 when the Leg is not a BodyLeg); contentType is the header value as
// received, boundary included. The answer is application/sdp.
type BodyLeg interface {
	AnswerBody(contentType string, body []byte) (answer []byte, err error)
}

// multipartMixed is the media type BodyLeg takes.
const multipartMixed = "multipart/mixed"

// Reasons passed to Leg.Close.
const (
	ReasonBye            = "bye"                // the remote party sent BYE
	ReasonLocalBye       = "local bye"          // Dialog.Bye was called
	ReasonCancel         = "cancel"             // the INVITE was CANCELled
	ReasonNoAck          = "no ack"             // no ACK for the 200 OK within AckTimeout
	ReasonNoAnswer       = "ack without answer" // RFC 3725: the ACK lacked the answer
	ReasonBadAnswer      = "answer rejected"    // Leg.Accept failed
	ReasonFailed         = "failed"             // Answer/Offer of the initial INVITE failed
	ReasonShutdown       = "shutdown"           // UA.Shutdown or Serve returned
	ReasonSessionExpired = "session expired"    // no session refresh in time (RFC 4028)
)

// Invite describes an initial INVITE to Media.Open.
type Invite struct {
	RequestURI string // e.g. "sip:msml=conf1@mcp:5060;dn=1001;record"
	CallID     string
	FromTag    string
	From, To   string // header values as received
	// Headers holds every header the UA does not consume itself (X-Genesys-*,
	// P-Asserted-Identity, User-Agent, …), keyed by canonical MIME name
	// ("X-Genesys-Calluuid"); repeated headers are joined with ", ". Use
	// Header for case-insensitive lookup.
	Headers map[string]string
	Offer   []byte // nil when the INVITE has no body
	// ContentType is the body's Content-Type as received: application/sdp,
	// or multipart/mixed (SIPREC, see BodyLeg).
	ContentType string
	// Contact is the Contact header value as received (a SIPREC client's
	// carries +sip.src, RFC 7866 §6.1.1).
	Contact   string
	Transport string // "UDP" or "TCP"
	Source    netip.AddrPort
	// Dialog is the dialog this INVITE creates. Keep it to send INFO or BYE
	// later; in-dialog requests fail with ErrEarly until the 200 OK is sent.
	Dialog *Dialog
}

// Header returns the value of the named header, looked up case-insensitively
// (compact forms expanded), or "".
func (i Invite) Header(name string) string {
	return i.Headers[headerKey(name)]
}

// InfoHandler serves an INFO request of a registered content type on dialog
// d. contentType is the Content-Type header value as received (parameters
// included). It returns the response status (200–699, anything else sends
// 500) and an optional response body with its content type.
type InfoHandler func(ctx context.Context, d *Dialog, contentType string, body []byte) (status int, respType string, respBody []byte)
