package sipua

import (
	"context"

	"github.com/emiago/sipgo/sip"
)

// Refer asks the remote party to call target (a blind transfer, RFC 3515)
// and waits for the final response: nil for 2xx (202 Accepted), a
// StatusError wrapping ErrRejected for a failure. It asks for no implicit
// subscription (Refer-Sub: false, RFC 4488): the transfer's progress is not
// followed, the caller ends the dialog once the REFER is accepted.
func (d *Dialog) Refer(ctx context.Context, target string) error {
	if err := d.live(); err != nil {
		return err
	}
	_, err := d.request(ctx, sip.REFER, "", nil,
		sip.NewHeader("Refer-To", "<"+target+">"), sip.NewHeader("Refer-Sub", "false"))
	return err
}
