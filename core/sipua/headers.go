package sipua

import (
	"net/textproto"
	"strings"

	"github.com/emiago/sipgo/sip"
)

// compact maps RFC 3261 §7.3.3 and later compact header names to full names.
var compact = map[string]string{
	"a": "Accept-Contact", "b": "Referred-By", "c": "Content-Type",
	"e": "Content-Encoding", "f": "From", "i": "Call-ID", "j": "Reject-Contact",
	"k": "Supported", "l": "Content-Length", "m": "Contact", "o": "Event",
	"r": "Refer-To", "s": "Subject", "t": "To", "u": "Allow-Events", "v": "Via",
	"x": "Session-Expires", "y": "Identity",
}

// consumed are the headers the UA handles itself (lower-case full names);
// all others reach Media in Invite.Headers.
var consumed = map[string]bool{
	"via": true, "from": true, "to": true, "call-id": true, "cseq": true,
	"contact": true, "max-forwards": true, "content-type": true,
	"content-length": true, "route": true, "record-route": true,
}

// headerKey returns the canonical MIME form of a header name, with compact
// forms expanded: "x-genesys-callUUID" → "X-Genesys-Calluuid", "k" → "Supported".
func headerKey(name string) string {
	name = strings.TrimSpace(name)
	if full, ok := compact[strings.ToLower(name)]; ok {
		name = full
	}
	return textproto.CanonicalMIMEHeaderKey(name)
}

// extraHeaders collects the headers of req the UA does not consume.
func extraHeaders(req *sip.Request) map[string]string {
	out := make(map[string]string)
	for _, h := range req.Headers() {
		key := headerKey(h.Name())
		if key == "" || consumed[strings.ToLower(key)] {
			continue
		}
		if prev, ok := out[key]; ok {
			out[key] = prev + ", " + h.Value()
			continue
		}
		out[key] = h.Value()
	}
	return out
}

// mediaType returns the lower-case type/subtype of a Content-Type value,
// without parameters: "Application/MSML+XML; charset=utf-8" → "application/msml+xml".
func mediaType(contentType string) string {
	if i := strings.IndexByte(contentType, ';'); i >= 0 {
		contentType = contentType[:i]
	}
	return strings.ToLower(strings.TrimSpace(contentType))
}

// tokens splits the comma-separated option tags of all headers named name
// (e.g. Require), trimmed and lower-cased, empty ones dropped.
func tokens(req *sip.Request, name string) []string {
	var out []string
	for _, h := range req.GetHeaders(name) {
		for t := range strings.SplitSeq(h.Value(), ",") {
			if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// contentType returns the Content-Type value of req, or "".
func contentType(req *sip.Request) string {
	if h := req.ContentType(); h != nil {
		return h.Value()
	}
	return ""
}

// callID returns the Call-ID of req, or "" (for logs of malformed requests).
func callID(req *sip.Request) string {
	if h := req.CallID(); h != nil {
		return h.Value()
	}
	return ""
}

// toTag returns the To tag of req, or "".
func toTag(req *sip.Request) string {
	if h := req.To(); h != nil {
		t, _ := h.Params.Get("tag")
		return t
	}
	return ""
}

// fromTag returns the From tag of req, or "".
func fromTag(req *sip.Request) string {
	if h := req.From(); h != nil {
		t, _ := h.Params.Get("tag")
		return t
	}
	return ""
}
