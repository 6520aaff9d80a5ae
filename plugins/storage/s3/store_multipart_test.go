package s3

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestAMultipartUploadReadsBackByteIdentical(t *testing.T) {
	s, st := configured(t, nil)
	obj, data := sdktest.NewObject("rec-big", "call.wav", 40<<20+123) // 9 parts of 5 MiB
	loc, err := s.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	key := st.objectKey(obj.Key)
	if want := "s3://" + testBucket + "/" + key; loc.URI != want {
		t.Errorf("location %s, want %s", loc.URI, want)
	}
	got := getObject(t, st, key)
	sum := sha256.Sum256(got)
	if !bytes.Equal(got, data) || hex.EncodeToString(sum[:]) != obj.SHA256 {
		t.Fatalf("read back %d bytes sha256 %x, want %d bytes %s", len(got), sum, len(data), obj.SHA256)
	}
	stored, err := s.Stat(context.Background(), obj.Key)
	if err != nil || stored != (sdk.Stored{Size: obj.Size, SHA256: obj.SHA256, Location: loc}) {
		t.Errorf("Stat = %+v, %v", stored, err)
	}
}

func TestAFailedMultipartUploadIsAbortedAndLeavesNothing(t *testing.T) {
	s, st := configured(t, nil)
	obj, data := sdktest.NewObject("rec-broken", "call.wav", 12<<20)
	broken := io.MultiReader(bytes.NewReader(data[:7<<20]), errorReader{sdk.ErrMismatch})
	_, err := s.Put(context.Background(), obj, broken)
	if !errors.Is(err, sdk.ErrMismatch) {
		t.Fatalf("Put = %v, want sdk.ErrMismatch", err)
	}
	if _, err := s.Stat(context.Background(), obj.Key); !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("Stat after a failed upload = %v, want sdk.ErrNotFound", err)
	}
	if uploads := listUploads(t, st); strings.Contains(uploads, "<Upload>") {
		t.Errorf("multipart uploads left behind:\n%s", uploads)
	}
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }

// listUploads is the bucket's ListMultipartUploads answer.
func listUploads(t *testing.T, st *state) string {
	t.Helper()
	c := *st.c
	resp, err := c.do(context.Background(), request{op: "ListMultipartUploads", method: http.MethodGet,
		query: map[string][]string{"uploads": {""}, "prefix": {st.cfg.Prefix + "/"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestPartSizeFitsTheObjectAndTheTenThousandPartLimit(t *testing.T) {
	st := &state{cfg: Config{PartSize: 16 * MiB}}
	cases := []struct{ size, want int64 }{
		{6 * MiB, 6 * MiB},                    // one part, no 16 MiB buffer
		{100 * MiB, 16 * MiB},                 // the configured size
		{200 << 30, (200<<30 + 9999) / 10000}, // 200 GiB: grown to fit 10 000 parts
	}
	for _, tc := range cases {
		if got := st.partSize(tc.size); got != tc.want {
			t.Errorf("partSize(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
}
