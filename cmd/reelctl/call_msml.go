package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/reel-project/reel/msml"
)

// startRecording sends what SIP Server sends to record a GIR call (docs/wire.md
// §2): an MSML dialogstart with <record> in an INFO on the first leg's
// dialog. It prints the result.
func (c *firstCall) startRecording(ctx context.Context, w io.Writer) error {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	body := fmt.Sprintf(`<msml version="1.1"><dialogstart target="conf:%s" name="rec" type="application/moml+xml">`+
		`<record/></dialogstart></msml>`, c.conf)
	res, err := c.legs[0].Info(sctx, "application/msml+xml", []byte(body))
	if err != nil {
		return fmt.Errorf("MSML dialogstart: %w", err)
	}
	doc, err := msml.Parse(res.Body())
	if err != nil || len(doc.Ops) != 1 {
		return fmt.Errorf("MSML dialogstart: %s: no <result> in the answer (%v)", res.StartLine(), err)
	}
	r, ok := doc.Ops[0].(*msml.Result)
	if !ok || r.Response != 200 {
		return fmt.Errorf("MSML dialogstart refused: %s", res.Body())
	}
	fmt.Fprintf(w, "MSML dialogstart on leg 1: %d %v\n", r.Response, r.DialogIDs)
	return nil
}
