package s3

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/reel-project/reel/internal/sigv4"

	"github.com/reel-project/reel/plugins/sdk"
)

// abortTimeout bounds the AbortMultipartUpload sent after a failure, even
// when the caller's context has ended.
const abortTimeout = 30 * time.Second

// part is an uploaded part, as CompleteMultipartUpload lists it.
type part struct {
	Number int    `xml:"PartNumber"`
	ETag   string `xml:"ETag"`
}

// putMultipart creates an upload, sends r in parts of the configured size
// (each signed over its own SHA-256), and completes the upload only after
// r reached io.EOF. On any failure it aborts the upload, so nothing is
// visible and no parts are left billed.
func (st *state) putMultipart(ctx context.Context, key string, obj sdk.Object, r io.Reader) error {
	id, err := st.createUpload(ctx, key, obj)
	if err != nil {
		return err
	}
	parts, err := st.uploadParts(ctx, key, id, st.partSize(obj.Size), r)
	if err == nil {
		err = st.completeUpload(ctx, key, id, parts)
	}
	if err != nil {
		st.abortUpload(ctx, key, id)
	}
	return err
}

// partSize is the configured size, grown when an object of size bytes
// would need more than 10 000 parts, and shrunk to a smaller object's size
// (the buffer holds one part).
func (st *state) partSize(size int64) int64 {
	return min(max(st.cfg.PartSize, (size+maxParts-1)/maxParts), max(size, 1))
}

func (st *state) createUpload(ctx context.Context, key string, obj sdk.Object) (string, error) {
	resp, err := st.c.do(ctx, request{op: "CreateMultipartUpload", method: http.MethodPost, key: key,
		query: url.Values{"uploads": {""}}, header: putHeader(obj)})
	if err != nil {
		return "", err
	}
	defer drain(resp)
	var res struct {
		UploadID string `xml:"UploadId"`
	}
	if err := xml.NewDecoder(io.LimitReader(resp.Body, maxErrorBody)).Decode(&res); err != nil || res.UploadID == "" {
		return "", sdk.Retryable(fmt.Errorf("s3: CreateMultipartUpload %s: no upload id in the answer: %v", st.c.target(key), err))
	}
	return res.UploadID, nil
}

// uploadParts reads r one part at a time into a buffer and uploads it,
// until r ends with io.EOF.
func (st *state) uploadParts(ctx context.Context, key, id string, size int64, r io.Reader) ([]part, error) {
	buf := make([]byte, size)
	var parts []part
	for n := 1; ; n++ {
		m, rerr := io.ReadFull(r, buf)
		if rerr != nil && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("s3: upload %s: part %d: %w", st.c.target(key), n, rerr)
		}
		if m == 0 {
			return parts, nil
		}
		etag, err := st.uploadPart(ctx, key, id, n, buf[:m])
		if err != nil {
			return nil, err
		}
		parts = append(parts, part{Number: n, ETag: etag})
		if rerr != nil { // r ended inside this part
			return parts, nil
		}
	}
}

func (st *state) uploadPart(ctx context.Context, key, id string, n int, data []byte) (string, error) {
	q := url.Values{"partNumber": {strconv.Itoa(n)}, "uploadId": {id}}
	resp, err := st.c.do(ctx, request{op: "UploadPart " + strconv.Itoa(n), method: http.MethodPut, key: key,
		query: q, body: bytes.NewReader(data), size: int64(len(data)), sha256: sigv4.HexSHA256(data)})
	if err != nil {
		return "", err
	}
	drain(resp)
	return resp.Header.Get("ETag"), nil
}

// completeUpload makes the object visible, unless another object appeared
// under the key meanwhile (If-None-Match: *).
func (st *state) completeUpload(ctx context.Context, key, id string, parts []part) error {
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"CompleteMultipartUpload"`
		Parts   []part   `xml:"Part"`
	}{Parts: parts})
	resp, err := st.c.do(ctx, request{op: "CompleteMultipartUpload", method: http.MethodPost, key: key,
		query: url.Values{"uploadId": {id}}, header: http.Header{"If-None-Match": {"*"}},
		body: bytes.NewReader(body), size: int64(len(body)), sha256: sigv4.HexSHA256(body)})
	if err != nil {
		return err
	}
	defer drain(resp)
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil {
		return transportError(ctx, "CompleteMultipartUpload", st.c.target(key), err)
	}
	return bodyError("CompleteMultipartUpload", st.c.target(key), resp.StatusCode, answer)
}

// abortUpload discards the parts; a failure only leaves them to the
// bucket's lifecycle rule, so it is logged, not returned.
func (st *state) abortUpload(ctx context.Context, key, id string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	resp, err := st.c.do(ctx, request{op: "AbortMultipartUpload", method: http.MethodDelete, key: key,
		query: url.Values{"uploadId": {id}}})
	if err != nil {
		sdk.Logger().Warn("abort multipart upload failed", "key", st.c.target(key), "upload_id", id, "err", err)
		return
	}
	drain(resp)
}
