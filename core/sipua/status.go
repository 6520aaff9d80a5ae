package sipua

// reasons are the RFC 3261 §21 reason phrases of the codes this UA sends or
// Media may ask for.
var reasons = map[int]string{
	100: "Trying",
	200: "OK",
	400: "Bad Request",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	408: "Request Timeout",
	413: "Request Entity Too Large",
	415: "Unsupported Media Type",
	420: "Bad Extension",
	480: "Temporarily Unavailable",
	481: "Call/Transaction Does Not Exist",
	486: "Busy Here",
	487: "Request Terminated",
	488: "Not Acceptable Here",
	491: "Request Pending",
	500: "Server Internal Error",
	501: "Not Implemented",
	503: "Service Unavailable",
	505: "Version Not Supported",
	513: "Message Too Large",
	600: "Busy Everywhere",
	603: "Decline",
}

// reasonPhrase returns the standard phrase of code, or a class phrase.
func reasonPhrase(code int) string {
	if r, ok := reasons[code]; ok {
		return r
	}
	switch code / 100 {
	case 1:
		return "Session Progress"
	case 2:
		return "OK"
	case 3:
		return "Redirected"
	case 4:
		return "Request Failure"
	case 5:
		return "Server Failure"
	}
	return "Global Failure"
}
