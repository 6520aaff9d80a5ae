package sdp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// stream is what we put on our audio m-line.
type stream struct {
	codecs  []Codec
	eventPT int // -1: none
	events  eventSet
}

// media builds our audio m-line: every codec with an explicit rtpmap (static
// ones too, for sloppy readers), telephone-event with its fmtp, ptime and an
// explicit direction.
func (l Local) media(proto string, st stream, ptime int, dir Direction) *sdp.MediaDescription {
	md := &sdp.MediaDescription{MediaName: sdp.MediaName{
		Media: "audio", Port: sdp.RangedPort{Value: l.Port}, Protos: strings.Split(proto, "/"),
	}}
	for _, c := range st.codecs {
		pt := strconv.Itoa(int(c.PT))
		md.MediaName.Formats = append(md.MediaName.Formats, pt)
		md.Attributes = append(md.Attributes, sdp.NewAttribute("rtpmap", pt+" "+c.Name+"/"+strconv.Itoa(c.ClockRate)))
	}
	if st.eventPT >= 0 && st.events != 0 {
		pt := strconv.Itoa(st.eventPT)
		md.MediaName.Formats = append(md.MediaName.Formats, pt)
		md.Attributes = append(md.Attributes,
			sdp.NewAttribute("rtpmap", pt+" "+eventName+"/"+strconv.Itoa(eventRate)),
			sdp.NewAttribute("fmtp", pt+" "+st.events.String()))
	}
	md.Attributes = append(md.Attributes,
		sdp.NewAttribute("ptime", strconv.Itoa(ptime)),
		sdp.NewPropertyAttribute(dir.String()))
	return md
}

// refused echoes an m-line with port 0: same media, proto and formats.
func refused(ml mLine) *sdp.MediaDescription {
	return &sdp.MediaDescription{MediaName: sdp.MediaName{
		Media: ml.media, Port: sdp.RangedPort{Value: 0}, Protos: []string{ml.proto}, Formats: ml.formats,
	}}
}

// marshal writes a description from us around the given m-lines.
func (l Local) marshal(mds []*sdp.MediaDescription) ([]byte, error) {
	addr := l.Addr.Unmap()
	addrType := "IP4"
	if addr.Is6() {
		addrType = "IP6"
	}
	d := sdp.SessionDescription{
		Origin: sdp.Origin{
			Username: "reel", SessionID: l.SessionID, SessionVersion: l.Version,
			NetworkType: "IN", AddressType: addrType, UnicastAddress: addr.String(),
		},
		SessionName: "reel",
		ConnectionInformation: &sdp.ConnectionInformation{
			NetworkType: "IN", AddressType: addrType, Address: &sdp.Address{Address: addr.String()},
		},
		TimeDescriptions:  []sdp.TimeDescription{{}},
		MediaDescriptions: mds,
	}
	b, err := d.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: marshal: %v", ErrLocal, err)
	}
	return b, nil
}
