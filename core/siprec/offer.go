package siprec

// Offer is an SRC's offer: its streams and, when the body had one, its
// metadata.
type Offer struct {
	Streams  []Stream
	Metadata *Metadata // nil: plain SDP, or a multipart body without metadata
	Ignored  []string  // media types of the parts skipped
}

// ParseOffer reads an INVITE's, re-INVITE's or UPDATE's body by its
// Content-Type (see Split, SplitSDP and ParseMetadata).
func ParseOffer(contentType string, body []byte) (*Offer, error) {
	b, err := Split(contentType, body)
	if err != nil {
		return nil, err
	}
	streams, err := SplitSDP(b.SDP)
	if err != nil {
		return nil, err
	}
	o := &Offer{Streams: streams, Ignored: b.Ignored}
	if len(b.Metadata) > 0 {
		if o.Metadata, err = ParseMetadata(b.Metadata); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// AllInactive reports whether the SRC sends on none of the offer's streams
// (an all-inactive offer: the recording pauses).
func (o *Offer) AllInactive() bool {
	for _, s := range o.Streams {
		if s.Active() {
			return false
		}
	}
	return true
}
