package s3

import (
	"context"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/reel-project/reel/plugins/miniotest"
)

// shared is the package's MinIO, started by the first test that needs it
// and stopped by TestMain.
var shared struct {
	once sync.Once
	srv  *miniotest.Server
	dir  string
	err  error
}

// sharedMinIO returns the package's server with bucket testBucket.
func sharedMinIO(tb testing.TB) *miniotest.Server {
	tb.Helper()
	bin := miniotest.Binary(tb)
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "reel-s3-minio-"); shared.err != nil {
			return
		}
		if shared.srv, shared.err = miniotest.Start(bin, shared.dir, ""); shared.err != nil {
			return
		}
		shared.err = createBucket(configFor(shared.srv, testBucket, ""))
	})
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.srv
}

func stopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
}

// createBucket makes cfg's bucket with the plugin's own client.
func createBucket(cfg Config) error {
	st, err := newState(cfg)
	if err != nil {
		return err
	}
	resp, err := st.c.do(context.Background(), request{op: "CreateBucket", method: http.MethodPut})
	if err != nil {
		return err
	}
	drain(resp)
	return nil
}
